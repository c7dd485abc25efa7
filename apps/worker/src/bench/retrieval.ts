import { z } from 'zod';

import { runRetrievalBench, type RetrievalEngine } from '@lede/ranking/retrieval';

const ZEngine = z.enum(['exact-js', 'usearch-f32', 'usearch-f16', 'usearch-i8', 'usearch-i8-rescored', 'hnswlib-f32']);
const ZRetrievalArgs = z.object({
  sizes: z.string().transform((s) => s.split(',').map(Number)).pipe(z.array(z.number().int().positive())),
  engines: z.string().transform((s) => s.split(',')).pipe(z.array(ZEngine)),
  k: z.number().int().positive(),
});

/** `npm run bench -- retrieval`: one row per size × engine on stderr as it goes; the caller prints the JSON. */
export function runRetrievalCli(args: { sizes: string; engines: string; k: number }) {
  const { sizes, engines, k } = ZRetrievalArgs.parse(args);
  return runRetrievalBench({ sizes, engines: engines satisfies RetrievalEngine[], k }, (row) => console.error(`retrieval bench: ${JSON.stringify(row)}`));
}

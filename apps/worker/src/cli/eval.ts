// npm run eval -- --train DIR --dev DIR [--ranker R[,R...]|all] [--out FILE] [--seed N] [--ablate semantic]
//   [--epochs N] [--lr X] [--negatives K]   (lede: training of the user model on the train folder's clicks)
//   [--vectors FILE]   precomputed article vectors (JSONL {"id": news id, "vector": [...]}) instead of the encoder
// Imports both MIND folders into a scratch database (never the demo one), ranks every dev impression and
// prints the official metrics; the last line is one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDb } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';
import { evaluateMind, evaluateRankers, prepareMindSession, rankerNames, type RankerName } from '@lede/api/services';

import { parseCliArgs, readInt, runCli, UsageError } from './args';

const usage = `usage: npm run eval -- --train DIR --dev DIR [--ranker ${rankerNames.join('|')}[,...]|all] [--ablate semantic] [--out FILE] [--seed N] [--epochs N] [--lr X] [--negatives K] [--vectors FILE]`;

runCli(async () => {
  const { values } = parseCliArgs(
    { train: { type: 'string' }, dev: { type: 'string' }, ranker: { type: 'string', default: 'lede' }, out: { type: 'string' }, seed: { type: 'string' }, epochs: { type: 'string' }, lr: { type: 'string' }, negatives: { type: 'string' }, vectors: { type: 'string' }, ablate: { type: 'string' } },
    usage,
  );
  if (!values.train || !values.dev) throw new UsageError(usage);
  const rankers = values.ranker === 'all' ? [...rankerNames] : values.ranker.split(',');
  for (const r of rankers) if (!rankerNames.includes(r as RankerName)) throw new UsageError(`unknown ranker "${r}"\n${usage}`);
  if (values.ablate !== undefined && values.ablate !== 'semantic') throw new UsageError(`--ablate takes "semantic"\n${usage}`);
  if (values.out && rankers.length > 1) throw new UsageError(`--out takes one ranker\n${usage}`);
  const ablate = values.ablate === 'semantic' ? ('semantic' as const) : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-eval-'));
  const url = `file:${path.join(dir, 'eval.db')}`;
  await migrateDatabase(url);
  const db = createDb(url);
  try {
    const common = {
      train: values.train,
      dev: values.dev,
      ranker: rankers[0] as RankerName,
      out: values.out,
      vectors: values.vectors,
      ablate,
      seed: readInt(values.seed, 'seed', 1),
      fit: {
        ...(values.epochs ? { epochs: readInt(values.epochs, 'epochs', 3) } : {}),
        ...(values.lr ? { lr: Number(values.lr) } : {}),
        ...(values.negatives ? { negatives: readInt(values.negatives, 'negatives', 4) } : {}),
      },
      db,
      log: (msg: string) => console.error(msg),
    };
    if (rankers.length === 1) console.log(JSON.stringify(await evaluateMind(common)));
    else for (const r of await evaluateRankers(await prepareMindSession(common), rankers as RankerName[], common)) console.log(JSON.stringify(r));
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

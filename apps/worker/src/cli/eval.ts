// npm run eval -- --train DIR --dev DIR [--ranker lede|lede-untrained|popularity|recency|random] [--out FILE] [--seed N]
//   [--epochs N] [--lr X] [--negatives K]   (lede: training of the user model on the train folder's clicks)
//   [--vectors FILE]   precomputed article vectors (JSONL {"id": news id, "vector": [...]}) instead of the encoder
// Imports both MIND folders into a scratch database (never the demo one), ranks every dev impression and
// prints the official metrics; the last line is one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDb } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';
import { evaluateMind, type RankerName, rankerNames } from '@lede/domain/lab';

import { parseCliArgs, readInt, runCli, UsageError } from './args';

const usage = `usage: npm run eval -- --train DIR --dev DIR [--ranker ${rankerNames.join('|')}] [--out FILE] [--seed N] [--epochs N] [--lr X] [--negatives K] [--vectors FILE]`;

runCli(async () => {
  const { values } = parseCliArgs(
    { train: { type: 'string' }, dev: { type: 'string' }, ranker: { type: 'string', default: 'lede' }, out: { type: 'string' }, seed: { type: 'string' }, epochs: { type: 'string' }, lr: { type: 'string' }, negatives: { type: 'string' }, vectors: { type: 'string' } },
    usage,
  );
  if (!values.train || !values.dev) throw new UsageError(usage);
  if (!rankerNames.includes(values.ranker as RankerName)) throw new UsageError(`unknown ranker "${values.ranker}"\n${usage}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-eval-'));
  const url = `file:${path.join(dir, 'eval.db')}`;
  await migrateDatabase(url);
  const db = createDb(url);
  try {
    const result = await evaluateMind({
      train: values.train,
      dev: values.dev,
      ranker: values.ranker as RankerName,
      out: values.out,
      vectors: values.vectors,
      seed: readInt(values.seed, 'seed', 1),
      fit: {
        ...(values.epochs ? { epochs: readInt(values.epochs, 'epochs', 3) } : {}),
        ...(values.lr ? { lr: Number(values.lr) } : {}),
        ...(values.negatives ? { negatives: readInt(values.negatives, 'negatives', 4) } : {}),
      },
      db,
      log: (msg) => console.error(msg),
    });
    console.log(JSON.stringify(result));
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

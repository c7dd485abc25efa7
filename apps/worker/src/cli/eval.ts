// npm run eval -- --train DIR --dev DIR [--ranker R[,R...]|all] [--out FILE] [--seed N] [--ablate semantic]
//   [--epochs N] [--lr X] [--negatives K]   (lede: training of the user model on the train folder's clicks)
//   [--vectors FILE]   precomputed article vectors (JSONL {"id": news id, "vector": [...]}) instead of the encoder
// npm run eval -- --suite DIR [--users N] [--days D] [--seeds 1,2] [--regimes a,b] [--now YYYY-MM-DD]
//   every simulator regime x seed (simulated into DIR, or reused), every ranker; one table, DIR/suite.json
// Imports both MIND folders into a scratch database (never the demo one), ranks every dev impression and
// prints the official metrics; the last line is one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDb } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';
import {
  evaluateMind,
  evaluateRankers,
  countSuiteOutcomes,
  describeCeiling,
  findSuiteFailures,
  formatSuiteTable,
  prepareMindSession,
  rankerNames,
  regimeNames,
  runEvaluationSuite,
  type RankerName,
  type RegimeName,
} from '@lede/domain/lab';

import { parseCliArgs, readInt, runCli, UsageError } from './args';

const usage = `usage: npm run eval -- --suite DIR [--users N] [--days D] [--seeds 1,2] [--regimes ${regimeNames.join(',')}] [--now YYYY-MM-DD]
       npm run eval -- --train DIR --dev DIR [--ranker ${rankerNames.join('|')}[,...]|all] [--ablate semantic] [--out FILE] [--seed N] [--epochs N] [--lr X] [--negatives K] [--vectors FILE]`;

runCli(async () => {
  const { values } = parseCliArgs(
    { train: { type: 'string' }, dev: { type: 'string' }, ranker: { type: 'string', default: 'lede' }, out: { type: 'string' }, seed: { type: 'string' }, epochs: { type: 'string' }, lr: { type: 'string' }, negatives: { type: 'string' }, vectors: { type: 'string' }, ablate: { type: 'string' },
      suite: { type: 'string' }, users: { type: 'string' }, days: { type: 'string' }, seeds: { type: 'string' }, regimes: { type: 'string' }, now: { type: 'string' } },
    usage,
  );
  if (values.suite) return runSuite(values.suite, values);
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

async function createScratchDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-eval-'));
  const url = `file:${path.join(dir, 'eval.db')}`;
  await migrateDatabase(url);
  const db = createDb(url);
  return {
    db,
    dispose: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runSuite(dir: string, values: { users?: string; days?: string; seeds?: string; regimes?: string; now?: string }) {
  const regimes = values.regimes?.split(',') ?? regimeNames;
  for (const r of regimes) if (!regimeNames.includes(r as RegimeName)) throw new UsageError(`unknown regime "${r}"\n${usage}`);
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now must be a date, got "${values.now}"`);
  fs.mkdirSync(dir, { recursive: true });
  const rows = await runEvaluationSuite({
    dir,
    regimes: regimes as RegimeName[],
    seeds: values.seeds?.split(',').map((s) => readInt(s, 'seeds', 1)),
    users: readInt(values.users, 'users', 1500, 1, 1_000_000),
    days: readInt(values.days, 'days', 10, 2, 3650),
    now,
    createScratchDb,
    log: (msg) => console.error(msg),
  });
  console.log(formatSuiteTable(rows));
  const failures = findSuiteFailures(rows);
  console.log(failures.length ? `lede does not beat every baseline:\n${failures.join('\n')}` : 'lede beats every baseline on AUC and nDCG@10 in every regime and seed');
  const outcomes = countSuiteOutcomes(rows);
  const line = (m: 'auc' | 'ndcg10') => `${outcomes[m].wins} significant wins, ${outcomes[m].ties} ties, ${outcomes[m].losses} significant losses`;
  console.log(`lede against each baseline (paired bootstrap, 95%): AUC ${line('auc')}; nDCG@10 ${line('ndcg10')}`);
  const ceiling = describeCeiling(rows);
  if (ceiling.length) console.log(`lede against the click model's own probabilities (simulated logs):\n${ceiling.join('\n')}`);
  console.log(JSON.stringify(rows));
}

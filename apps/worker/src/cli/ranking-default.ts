// npm run ranking:default -- [--users N] [--days D] [--seed S] [--out DIR]
// Regenerates the ranking model a cold install serves (models/ranking/lede-ranking-sim): simulated readers
// over the demo corpus (regime `mixed`), embedded with the default encoder, user vectors by attention pooling
// (what the baseline version serves with), popularity as live serving sees it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDb } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';
import { encodeUsersByAttention, prepareMindSession, simulateReaders, trainRankingOnLog } from '@lede/domain/lab';
import { defaultRankingModelPath, writeRankingModel } from '@lede/domain/model-versions';

import { parseCliArgs, readInt, runCli } from './args';

const usage = 'usage: npm run ranking:default -- [--users N] [--days D] [--seed S] [--out DIR]';

runCli(async () => {
  const { values } = parseCliArgs(
    { users: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
    usage,
  );
  const users = readInt(values.users, 'users', 1500, 1, 1_000_000);
  const days = readInt(values.days, 'days', 10, 2, 3650);
  const seed = readInt(values.seed, 'seed', 7, 0, 2 ** 32 - 1);
  const outDir = values.out ?? path.dirname(defaultRankingModelPath);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-ranking-default-'));
  const url = `file:${path.join(work, 'scratch.db')}`;
  await migrateDatabase(url);
  const db = createDb(url);
  try {
    // A fixed end date: the recipe gives the same log (and model) run after run.
    const sim = await simulateReaders({ out: path.join(work, 'log'), users, days, seed, regime: 'mixed', now: new Date('2026-12-06T00:00:00Z') });
    console.error(`simulated ${sim.impressions} impressions (${sim.clicks} clicks)`);
    const session = await prepareMindSession({ train: path.join(work, 'log', 'train'), dev: path.join(work, 'log', 'dev'), db, log: (m) => console.error(m) });
    const result = await trainRankingOnLog(session.featureLog.impressions, session.featureLog.articles, encodeUsersByAttention, {
      knownFrom: 'impression',
      onProgress: (p) => console.error(`tree ${p.tree}/${p.maxTrees}${p.validation ? ` validation AUC ${p.validation.auc.toFixed(4)} nDCG@10 ${p.validation.ndcg10.toFixed(4)}` : ''}`),
    });
    const model = { ...result.model, training: { ...result.model.training, data: `simulated (regime mixed, ${users} readers, ${days} days, seed ${seed})`, encoder: session.encoderVersion ?? 'none' } };
    writeRankingModel(path.join(outDir, 'ranking-model.json'), model);
    console.log(JSON.stringify({ out: outDir, impressions: result.impressions, seconds: result.seconds, ...model.training }));
  } finally {
    await db.$disconnect();
    fs.rmSync(work, { recursive: true, force: true });
  }
});

// Prepares the data a running Lede needs, doing only what is missing (scripts/setup.mjs calls it):
// the demo corpus, simulated readers with their impressions and clicks, article vectors, daily metrics and
// the seeded admin. Profiles: `demo` (data/lede.db unless DATABASE_URL says otherwise) and `e2e` (small).
import fs from 'node:fs';
import path from 'node:path';

import { getDb, repoRoot } from '@lede/db';
import { embedMissingArticles } from '@lede/domain/encoders';
import { createProgressReporter, importPath } from '@lede/domain/ingest';
import { simulateReaders } from '@lede/domain/lab';
import { aggregateDailyMetrics } from '@lede/domain/metrics';
import { ensureBaselineVersion } from '@lede/domain/model-versions';
import { seedAdmin } from '@lede/domain/readers';

import { parseCliArgs, runCli, UsageError } from './args';

const profiles = {
  demo: { users: 300, days: 14, seed: 1 },
  e2e: { users: 40, days: 3, seed: 7 },
} as const;

const corpus = path.join(repoRoot, 'data', 'demo', 'huffpost-news-13k.jsonl');

runCli(async () => {
  const { values } = parseCliArgs({ profile: { type: 'string', default: 'demo' } }, 'usage: prepare.ts [--profile demo|e2e]');
  const profile = profiles[values.profile as keyof typeof profiles];
  if (!profile) throw new UsageError(`unknown profile "${values.profile}"`);
  const db = getDb();
  try {
    if ((await db.article.count()) === 0) {
      const progress = createProgressReporter();
      const summary = await importPath(db, corpus, { shiftToNow: true, onProgress: progress.onProgress });
      progress.stop();
      console.log(`imported ${summary.articles} demo articles in ${summary.seconds.toFixed(1)} s`);
    }
    if ((await db.user.count({ where: { externalId: { startsWith: 'sim:' } } })) === 0) {
      const out = path.join(repoRoot, 'data', 'sim', values.profile);
      const s = await simulateReaders({ out, ...profile, corpus, db });
      console.log(`simulated ${s.users} readers over ${s.days} days: ${s.impressions} impressions, ${s.clicks} clicks (CTR ${(s.ctr * 100).toFixed(1)}%), MIND folders in ${path.relative(repoRoot, out)}`);
    }
    const embedded = await embedMissingArticles(db, { onProgress: (done, total) => process.stdout.write(`\rembedding articles ${done}/${total}`) });
    if (embedded.embedded) console.log(`\nembedded ${embedded.embedded} articles with ${embedded.encoderVersion} on ${embedded.device}`);
    else if (!embedded.encoderVersion) console.log('no encoder model installed: ranking uses categories, popularity and freshness');
    await aggregateDailyMetrics(db, { days: profile.days + 1 });
    // The model registry's starting point: the heuristic ranking, serving everyone until a model is promoted.
    await ensureBaselineVersion(db, embedded.encoderVersion ?? null);

    const admin = await seedAdmin(db);
    if (admin.password) {
      const file = path.join(repoRoot, 'data', 'admin-password.txt');
      fs.writeFileSync(file, `${admin.email}\n${admin.password}\n`, { mode: 0o600 });
      console.log(`\nadmin: ${admin.email}  password: ${admin.password}  (shown once; also in data/admin-password.txt)`);
    }
  } finally {
    await db.$disconnect();
  }
});

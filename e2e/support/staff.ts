import { hash } from '@node-rs/argon2';
import { expect, type Page } from '@playwright/test';

import { createDb } from '@lede/db';

import { signIn } from './admin';
import { ADMIN_URL, E2E_DATABASE_URL } from './env';

const EDITOR = { email: 'editor@e2e.lede.local', password: 'e2e-editor-password' };
/** A second model version, so the models page has something to split traffic with and roll back from. */
export const CANDIDATE_VERSION = 'e2e-candidate';

/** The editor account (the seed has only the admin), written straight to the e2e database. */
export async function ensureEditorAccount(): Promise<typeof EDITOR> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const passwordHash = await hash(EDITOR.password);
    await db.user.upsert({
      where: { email: EDITOR.email },
      create: { email: EDITOR.email, name: 'E2E Editor', role: 'EDITOR', passwordHash, isAnonymous: false, interests: [] },
      update: { role: 'EDITOR', passwordHash },
    });
  } finally {
    await db.$disconnect();
  }
  return EDITOR;
}

export async function signInAsEditor(page: Page): Promise<void> {
  const editor = await ensureEditorAccount();
  await signIn(page, editor.email, editor.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
}

/** A candidate model version with offline metrics beside the popularity and recency baselines. */
export async function ensureCandidateVersion(): Promise<void> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const metrics = {
      auc: 0.6123, mrr: 0.2901, ndcg5: 0.3102, ndcg10: 0.3807, recallAtK: 0.41,
      baselines: { popularity: { auc: 0.5512, mrr: 0.2401, ndcg5: 0.2511, ndcg10: 0.3203 }, recency: { auc: 0.5021, mrr: 0.2213, ndcg5: 0.2304, ndcg10: 0.2999 } },
    };
    // Not an upsert: that is a transaction, and on SQLite one that waits for the servers' lock past Prisma's
    // 2 s start timeout fails ("Operation has timed out"); two plain statements retry on a busy database.
    if (await db.modelVersion.findUnique({ where: { id: CANDIDATE_VERSION }, select: { id: true } })) return;
    await db.modelVersion
      .create({ data: { id: CANDIDATE_VERSION, description: 'E2E candidate', encoderVersion: 'none', metrics, provenance: { run: 'e2e', data: 'simulated' } } })
      .catch((err: unknown) => {
        // Another worker created it in between.
        if ((err as { code?: string }).code !== 'P2002') throw err;
      });
  } finally {
    await db.$disconnect();
  }
}

/** The dashboard's pages, for walking them as each role. */
export const DASHBOARD_PAGES = ['/', '/metrics', '/models', '/readers', '/articles', '/articles/import', '/articles/imports', '/audit'].map((p) => `${ADMIN_URL}${p}`);

/** The external id (`sim:N`) of the simulated reader with the most clicks, so the inspector has history to show. */
export async function busiestSimReader(): Promise<string> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const [top] = await db.readerEvent.groupBy({ by: ['userId'], where: { type: 'CLICK', user: { externalId: { startsWith: 'sim:' } } }, _count: { _all: true }, orderBy: { _count: { userId: 'desc' } }, take: 1 });
    const user = top ? await db.user.findUnique({ where: { id: top.userId }, select: { externalId: true } }) : null;
    if (!user?.externalId) throw new Error('the e2e database has no simulated reader with clicks');
    return user.externalId;
  } finally {
    await db.$disconnect();
  }
}

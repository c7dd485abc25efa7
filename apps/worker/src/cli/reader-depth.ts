// npx tsx apps/worker/src/cli/reader-depth.ts  (DATABASE_URL and LEDE_POOL_SIZE as the reader runs with)
// Measures, through the domain services the reader's API procedures call (feed.list, events.log,
// account.update, feed.categories; the worker does not import the API), with fresh anonymous readers on a
// prepared database: (1) a reader with 8 politics clicks: politics and sports stories in the top 20, before and
// after following Sports; (2) a reader who read the top 30 stories: unread stories on each section's first page.
import { getDb } from '@lede/db';
import { countPoolCategories, feedDepsFor, type FeedInput, listFeed } from '@lede/domain/feed';
import { ensureReader, issueReaderId, logEvents, updateProfile } from '@lede/domain/readers';

import { runCli } from './args';

const db = getDb();
const deps = feedDepsFor(db);

/** A new anonymous reader, created as the API creates one on first use, with the procedures this script calls. */
async function newReader() {
  const readerId = await ensureReader(db, issueReaderId());
  const list = async (input: FeedInput) => {
    const page = await listFeed(deps, readerId, input);
    return { nextCursor: page.nextCursor, items: page.items.map((i) => ({ id: i.article.id, category: i.article.category, read: i.read })) };
  };
  return {
    feed: { list, categories: () => countPoolCategories(deps.pool) },
    events: { log: (input: { events: Parameters<typeof logEvents>[2] }) => logEvents(db, readerId, input.events) },
    account: { update: (input: { interests: string[] }) => updateProfile(db, readerId, input) },
  };
}
const count = (items: { category: string }[], category: string) => items.filter((i) => i.category === category).length;

async function measureFollowing() {
  const reader = await newReader();
  const politics = (await reader.feed.list({ limit: 20, category: 'POLITICS' })).items.slice(0, 8);
  await reader.events.log({ events: politics.map((p, n) => ({ clientEventId: `depth-click-${n}-${p.id}`, type: 'CLICK' as const, articleId: p.id })) });
  const before = (await reader.feed.list({ limit: 20 })).items;
  await reader.account.update({ interests: ['SPORTS'] });
  const after = (await reader.feed.list({ limit: 20 })).items;
  console.log(`8 politics clicks, top 20: politics ${count(before, 'POLITICS')}, sports ${count(before, 'SPORTS')}; Sports followed: politics ${count(after, 'POLITICS')}, sports ${count(after, 'SPORTS')}`);
}

async function measureDepth() {
  const reader = await newReader();
  const top: string[] = [];
  let cursor: string | null = null;
  while (top.length < 30) {
    const page = await reader.feed.list({ limit: 20, cursor });
    top.push(...page.items.map((i) => i.id));
    if (!(cursor = page.nextCursor)) break;
  }
  await reader.events.log({ events: top.slice(0, 30).map((id, n) => ({ clientEventId: `depth-read-${n}-${id}`, type: 'CLICK' as const, articleId: id })) });
  const rows: string[] = [];
  for (const section of await reader.feed.categories()) {
    const page = await reader.feed.list({ limit: 20, category: section.name });
    rows.push(`${section.name} ${page.items.filter((i) => !i.read).length}/${page.items.length}`);
  }
  console.log(`after reading 30 stories, unread/shown on each section's first page: ${rows.join('; ')}`);
}

runCli(async () => {
  try {
    await measureFollowing();
    await measureDepth();
  } finally {
    await db.$disconnect();
  }
});

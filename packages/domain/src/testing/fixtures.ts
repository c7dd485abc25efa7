import type { Db } from '@lede/db';

import { issueReaderId } from '../readers/reader-id';

export { CLICK_LOG_TOPICS, seedTopicClickLog, type ClickLogOptions } from './click-log';

/** Articles published over the last `hours` hours, newest first, cycling through a few categories. */
export async function seedArticles(db: Db, count: number, { hours = 48, source = 'test' } = {}) {
  const categories = ['POLITICS', 'SPORTS', 'TECH', 'FOOD & DRINK'];
  const now = Date.now();
  const data = Array.from({ length: count }, (_, i) => ({
    source,
    externalId: `a${i}`,
    title: `Article ${i} about ${categories[i % categories.length]!.toLowerCase()}`,
    abstract: `Abstract of article ${i}.`,
    category: categories[i % categories.length]!,
    publishedAt: new Date(now - (i * hours * 3_600_000) / count),
  }));
  await db.article.createMany({ data });
  return db.article.findMany({ where: { source }, orderBy: { publishedAt: 'desc' } });
}

/** A reader id as the reader app's proxy issues it (signed). */
export function newReaderId() {
  return issueReaderId();
}

import type { Db, Prisma } from '@lede/db';
import { vectorToBytes } from '@lede/ranking';
import { createRng } from '@lede/ranking/training';

import { DAY_MS, MINUTE_MS, SECOND_MS } from '../shared/time';

export const CLICK_LOG_TOPICS = ['POLITICS', 'SPORTS', 'TECH', 'FOOD'];

export interface ClickLogOptions {
  /** The version the article vectors are stored under. */
  encoderVersion: string;
  articles: number;
  readers: number;
  days: number;
  visits: number;
  /** The log ends here (ms); articles are published over the `days` before it. */
  end: number;
  /** Article and reader ids start with it (`${prefix}a0`, `${prefix}r0`). */
  prefix?: string;
}

/**
 * A click log to train on: readers loyal to one of four topics, shown up to 8 articles a visit and clicking those
 * of their topic; article vectors (512-d) are a topic direction plus noise, so a run has something to learn.
 * Seeded (same options, same log).
 */
export async function seedTopicClickLog(db: Db, opts: ClickLogOptions) {
  const prefix = opts.prefix ?? '';
  const rng = createRng(42);
  const unit = (v: Float32Array) => {
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const dirs = CLICK_LOG_TOPICS.map(() => unit(new Float32Array(512).map(() => rng() - 0.5)));
  const articleId = (i: number) => `${prefix}a${i}`;
  const readerId = (u: number) => `${prefix}r${u}`;
  const articles: Prisma.ArticleCreateManyInput[] = Array.from({ length: opts.articles }, (_, i) => ({
    id: articleId(i), source: 'test', externalId: articleId(i), title: articleId(i), category: CLICK_LOG_TOPICS[i % CLICK_LOG_TOPICS.length]!,
    publishedAt: new Date(opts.end - (opts.days + 1) * DAY_MS + (i / opts.articles) * opts.days * DAY_MS),
  }));
  await db.article.createMany({ data: articles });
  await db.articleVector.createMany({
    data: articles.map((a, i) => ({
      articleId: a.id!, encoderVersion: opts.encoderVersion, dims: 512,
      vector: vectorToBytes(unit(dirs[i % CLICK_LOG_TOPICS.length]!.map((x) => x + (rng() - 0.5) * 0.08))),
    })),
  });
  await db.user.createMany({ data: Array.from({ length: opts.readers }, (_, u) => ({ id: readerId(u), externalId: readerId(u) })) });
  const impressions: Prisma.ImpressionCreateManyInput[] = [];
  const clicks: Prisma.ReaderEventCreateManyInput[] = [];
  for (let u = 0; u < opts.readers; u++) {
    for (let d = 0; d < opts.days; d++) {
      for (let visit = 0; visit < opts.visits; visit++) {
        const at = new Date(opts.end - (opts.days - d) * DAY_MS + (u * opts.visits + visit) * MINUTE_MS);
        const requestId = `${prefix}${u}-${d}-${visit}`;
        const shown = Array.from({ length: 8 }, () => Math.floor(rng() * opts.articles)).filter((a, i, all) => all.indexOf(a) === i);
        shown.forEach((a, position) => impressions.push({ requestId, userId: readerId(u), modelVersion: 'baseline', articleId: articleId(a), position, score: 0, createdAt: at }));
        for (const a of shown.filter((s) => s % CLICK_LOG_TOPICS.length === u % CLICK_LOG_TOPICS.length)) {
          clicks.push({ clientEventId: `${requestId}:${a}`, userId: readerId(u), articleId: articleId(a), type: 'CLICK', requestId, createdAt: new Date(at.getTime() + SECOND_MS) });
        }
      }
    }
  }
  for (let i = 0; i < impressions.length; i += 2_000) await db.impression.createMany({ data: impressions.slice(i, i + 2_000) });
  for (let i = 0; i < clicks.length; i += 2_000) await db.readerEvent.createMany({ data: clicks.slice(i, i + 2_000) });
  return { impressions: impressions.length, clicks: clicks.length };
}

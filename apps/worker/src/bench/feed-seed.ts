import type { Db } from '@lede/db';
import { vectorToBytes } from '@lede/ranking';
import { generateClusteredVectors } from '@lede/ranking/retrieval';

const DIMS = 512;
export const BENCH_READERS = 200;
const HISTORY = 30;
const SHOWN = 300;
const CATEGORIES = ['POLITICS', 'SPORTS', 'TECH', 'WORLD NEWS', 'ENTERTAINMENT', 'FOOD & DRINK', 'TRAVEL', 'SCIENCE'];
/** Vectors are generated and written this many at a time: 1M articles never hold 2 GB of vectors at once. */
const CHUNK = 10_000;

/**
 * `articles` articles spread over 60 days (about half inside the 30-day window), each with a news-shaped
 * synthetic vector (topics and stories, see synthetic.ts: the benchmark measures serving cost, and the
 * index's work depends on the shape), and 200 readers with 30 clicks and 300 cards shown each. Batched inserts: 1M articles
 * seed in minutes on 2 cores.
 */
export async function seedFeedBench(db: Db, articles: number, encoderVersion: string): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < articles; i += CHUNK) {
    const n = Math.min(CHUNK, articles - i);
    const rows = Array.from({ length: n }, (_, k) => ({
      id: `bench-${i + k}`,
      source: 'bench',
      externalId: String(i + k),
      title: `Benchmark article ${i + k}`,
      abstract: 'Text is not read while serving.',
      category: CATEGORIES[(i + k) % CATEGORIES.length]!,
      publishedAt: new Date(now - ((i + k) / articles) * 60 * 86_400_000),
    }));
    for (let b = 0; b < n; b += 2_000) await db.article.createMany({ data: rows.slice(b, b + 2_000) });
    const vectors = generateClusteredVectors(n, DIMS, { topics: 20, seed: i / CHUNK + 1 });
    for (let b = 0; b < n; b += 1_000) {
      await db.articleVector.createMany({
        data: rows.slice(b, b + 1_000).map((a, k) => ({
          articleId: a.id,
          encoderVersion,
          dims: DIMS,
          vector: vectorToBytes(vectors.subarray((b + k) * DIMS, (b + k + 1) * DIMS)),
        })),
      });
    }
  }
  // Readers click among the newest 5,000 (inside the window), as the feed's readers would.
  const clickable = Math.min(articles, 5_000);
  for (let r = 0; r < BENCH_READERS; r++) {
    const user = await db.user.create({ data: { id: `bench-reader-${r}`, interests: [CATEGORIES[r % CATEGORIES.length]!] } });
    await db.readerEvent.createMany({
      data: Array.from({ length: HISTORY }, (_, h) => ({
        clientEventId: `bench-${r}-${h}`,
        userId: user.id,
        articleId: `bench-${(r * 37 + h * 101) % clickable}`,
        type: 'CLICK' as const,
        createdAt: new Date(now - h * 3_600_000),
      })),
    });
    // The cards they were shown (what the ranking model's skip features read): 15 pages of 20, one a minute.
    await db.impression.createMany({
      data: Array.from({ length: SHOWN }, (_, k) => ({
        requestId: `bench-${r}-${Math.floor(k / 20)}`,
        userId: user.id,
        modelVersion: 'bench',
        articleId: `bench-${(r * 53 + k * 17) % clickable}`,
        position: k % 20,
        score: 0,
        createdAt: new Date(now - k * 60_000),
      })),
    });
  }
}

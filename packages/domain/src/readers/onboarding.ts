import { type Db } from '@lede/db';

import type { PoolArticle } from '../feed/pool/candidate-pool';
import type { FeedDeps } from '../feed/list';
import { logEvents } from './events';
import { parseInterests, readerChanged } from '../feed/profile/reader-profile';

const EXAMPLES_PER_CATEGORY = 3;
const MAX_CATEGORIES = 24;

/** Sections to pick from, each with a few of its most read recent headlines to like. */
export async function listOnboardingOptions(deps: FeedDeps, readerId: string) {
  const pool = await deps.pool.list();
  const byCategory = new Map<string, PoolArticle[]>();
  for (const a of pool) {
    const list = byCategory.get(a.category);
    if (list) list.push(a);
    else byCategory.set(a.category, [a]);
  }
  const categories = [...byCategory]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, MAX_CATEGORIES)
    .map(([name, articles]) => ({
      name,
      count: articles.length,
      examples: [...articles]
        .sort((a, b) => b.popularity.clicks - a.popularity.clicks || b.publishedAt.getTime() - a.publishedAt.getTime())
        .slice(0, EXAMPLES_PER_CATEGORY)
        .map((a) => ({ id: a.id, title: a.title })),
    }));
  return { categories, ...(await readOnboardingStatus(deps.db, readerId)) };
}

/** A reader needs onboarding until they have chosen interests or clicked something. */
export async function readOnboardingStatus(db: Db, readerId: string) {
  const [user, clicks] = await Promise.all([
    db.user.findUnique({ where: { id: readerId }, select: { interests: true } }),
    db.readerEvent.count({ where: { userId: readerId, type: 'CLICK' } }),
  ]);
  const interests = parseInterests(user?.interests);
  return { interests, needsOnboarding: interests.length === 0 && clicks === 0 };
}

/**
 * Saves the chosen sections as User.interests (ranking's cold start) and turns each liked headline into a
 * CLICK event without a request id: the user vector and "because you read" use it from the very first feed,
 * while click-through metrics ignore it (it answers no impression). Idempotent: liking again stores nothing.
 */
export async function completeOnboarding(db: Db, readerId: string, input: { interests: string[]; liked: string[] }) {
  const interests = [...new Set(input.interests)];
  await db.user.update({ where: { id: readerId }, data: { interests } });
  readerChanged(readerId);
  const liked = [...new Set(input.liked)];
  const result = liked.length
    ? await logEvents(
        db,
        readerId,
        liked.map((articleId) => ({ clientEventId: `onboarding-like-${articleId}`, type: 'CLICK' as const, articleId })),
      )
    : { stored: 0 };
  return { interests, liked: result.stored };
}

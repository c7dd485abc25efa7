import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';

import { CategoryTabs } from '~/components/category-tabs';
import { FeedList } from '~/components/feed-list';
import { FeedSkeleton } from '~/components/feed-skeleton';
import { env } from '~/env';
import { getApi } from '~/server/caller';

interface FeedPageProps {
  searchParams: Promise<{ category?: string | string[]; deleted?: string | string[] }>;
}

export default async function FeedPage({ searchParams }: FeedPageProps) {
  const params = await searchParams;
  const raw = params.category;
  const category = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 64) || null;

  const api = await getApi();
  const categories = await api.feed.categories();
  // A section the pool does not know is a 404, not an empty feed. Decided before anything streams (the feed
  // itself streams in below), so the status can still be 404.
  if (category && !categories.some((c) => c.name === category)) notFound();

  return (
    <>
      <CategoryTabs categories={categories} active={category} />
      <h1 className="sr-only">{category ? `${category} stories` : 'Top stories for you'}</h1>
      {params.deleted === '1' ? (
        <p role="status" className="mt-4 rounded-md border border-rule bg-surface p-4">
          Your account and reading history were deleted. You are reading anonymously again, with a fresh start.
        </p>
      ) : null}
      <Suspense fallback={<FeedSkeleton />}>
        <Feed category={category} />
      </Suspense>
    </>
  );
}

/** The ranked feed with its onboarding prompt and "new since" line: streams in after the tabs. */
async function Feed({ category }: { category: string | null }) {
  const api = await getApi();
  const [page, onboarding] = await Promise.all([api.feed.list({ limit: env.LEDE_FEED_PAGE_SIZE, category }), api.onboarding.status()]);
  const newCount = page.items.filter((i) => i.isNew).length;
  return (
    <>
      {onboarding.needsOnboarding ? (
        <aside aria-label="Personalize" className="mt-4 rounded-md border border-rule bg-surface p-4">
          <p className="font-medium">New here? Tell us what you like and your feed adapts from the first story.</p>
          <Link href="/welcome" className="mt-2 inline-block font-medium text-accent underline underline-offset-4">
            Choose your interests
          </Link>
        </aside>
      ) : null}
      {newCount > 0 ? (
        <p className="mt-4 text-sm text-ink-muted">
          <span className="font-semibold text-ink">{newCount}</span> {newCount === 1 ? 'story is' : 'stories are'} new since your last visit.
        </p>
      ) : null}
      {/* A new request (tab change, reload) is a new ranking: start the list over. */}
      <FeedList key={page.requestId} initial={page} category={category} pageSize={env.LEDE_FEED_PAGE_SIZE} now={new Date()} />
    </>
  );
}

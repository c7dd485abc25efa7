import { CategoryTabs } from '~/components/category-tabs';
import { FeedList } from '~/components/feed-list';
import { env } from '~/env';
import { getApi } from '~/server/caller';

interface FeedPageProps {
  searchParams: Promise<{ category?: string | string[] }>;
}

export default async function FeedPage({ searchParams }: FeedPageProps) {
  const raw = (await searchParams).category;
  const category = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 64) || null;

  const api = await getApi();
  const [categories, page] = await Promise.all([
    api.feed.categories(),
    api.feed.list({ limit: env.LEDE_FEED_PAGE_SIZE, category }),
  ]);

  return (
    <>
      <CategoryTabs categories={categories} active={category} />
      <h1 className="sr-only">{category ? `${category} stories` : 'Top stories for you'}</h1>
      {/* A new request (tab change, reload) is a new ranking: start the list over. */}
      <FeedList key={page.requestId} initial={page} category={category} pageSize={env.LEDE_FEED_PAGE_SIZE} now={new Date()} />
    </>
  );
}

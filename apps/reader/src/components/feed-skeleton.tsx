import { StoryCardSkeleton } from '@lede/ui';

/** What the feed shows while its ranking loads. */
export function FeedSkeleton() {
  return (
    <div role="status" aria-label="Loading stories" className="grid gap-x-6 pt-12 md:grid-cols-2 md:gap-y-10 lg:grid-cols-3">
      {Array.from({ length: 5 }, (_, i) => (
        <StoryCardSkeleton key={i} />
      ))}
    </div>
  );
}

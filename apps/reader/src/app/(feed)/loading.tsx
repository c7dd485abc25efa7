import { StoryCardSkeleton } from '@lede/ui';

export default function Loading() {
  return (
    <div role="status" aria-label="Loading stories" className="pt-12">
      {Array.from({ length: 5 }, (_, i) => (
        <StoryCardSkeleton key={i} />
      ))}
    </div>
  );
}

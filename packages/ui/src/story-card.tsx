import type { AnchorHTMLAttributes, ComponentType, MouseEvent, ReactNode, Ref } from 'react';

import { formatAge, formatCategory } from './format';

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export interface StoryCardProps {
  href: string;
  title: string;
  abstract: string;
  category: string;
  source: string;
  publishedAt: Date;
  now?: Date;
  /** Published since the reader's last visit. */
  isNew?: boolean;
  onNavigate?: (event: MouseEvent<HTMLAnchorElement>) => void;
  link?: ComponentType<LinkProps>;
  /** Controls under the byline (buttons only: the headline stays the card's one link). */
  actions?: ReactNode;
  /** Shown under the actions, e.g. the "why am I seeing this?" panel. */
  details?: ReactNode;
  cardRef?: Ref<HTMLElement>;
}

/**
 * A feed story with reader controls. The headline link stretches over the card; the actions sit
 * above that overlay so they stay clickable and reachable by keyboard after the headline.
 */
export function StoryCard({ href, title, abstract, category, source, publishedAt, now, isNew, onNavigate, link, actions, details, cardRef }: StoryCardProps) {
  const Link = link ?? 'a';
  return (
    <article ref={cardRef} className="group relative border-b border-rule py-5 has-[a:focus-visible]:outline-3 has-[a:focus-visible]:outline-accent sm:py-6">
      <p className="text-xs font-semibold uppercase tracking-wider text-accent">{formatCategory(category)}</p>
      <h2 className="mt-1 text-xl font-semibold leading-snug text-balance text-ink sm:text-2xl">
        <Link
          href={href}
          onClick={onNavigate}
          className="after:absolute after:inset-0 after:content-[''] focus-visible:outline-none group-hover:underline decoration-2 underline-offset-4"
        >
          {title}
        </Link>
      </h2>
      {abstract ? <p className="mt-2 font-serif text-base leading-relaxed text-ink-muted line-clamp-3">{abstract}</p> : null}
      <p className="mt-3 flex flex-wrap items-center gap-x-2 text-sm text-ink-muted">
        {isNew ? (
          <span className="rounded-sm bg-accent px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-accent-ink">New</span>
        ) : null}
        <span className="font-medium text-ink">{source}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={publishedAt.toISOString()}>{formatAge(publishedAt, now)}</time>
      </p>
      {actions ? <div className="relative z-10 mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">{actions}</div> : null}
      {details ? <div className="relative z-10">{details}</div> : null}
    </article>
  );
}

/** A placeholder card while stories load: same rhythm as StoryCard, no content. */
export function StoryCardSkeleton() {
  return (
    <div aria-hidden="true" className="animate-pulse border-b border-rule py-5 sm:py-6">
      <div className="h-3 w-20 rounded bg-rule" />
      <div className="mt-3 h-5 w-11/12 rounded bg-rule" />
      <div className="mt-2 h-5 w-2/3 rounded bg-rule" />
      <div className="mt-4 h-3 w-full rounded bg-rule" />
      <div className="mt-2 h-3 w-5/6 rounded bg-rule" />
      <div className="mt-4 h-3 w-32 rounded bg-rule" />
    </div>
  );
}

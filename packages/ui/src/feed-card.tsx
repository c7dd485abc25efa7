import type { AnchorHTMLAttributes, ComponentType, MouseEvent } from 'react';

import { formatAge, formatCategory } from './format';

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export interface FeedCardProps {
  href: string;
  title: string;
  abstract: string;
  category: string;
  source: string;
  publishedAt: Date;
  /** Reference time for the age label; pass the server's so hydration matches. */
  now?: Date;
  /** Title of a read article that explains this pick ("Because you read …"). */
  because?: string | null;
  /** Called before navigation, e.g. to log the click. */
  onNavigate?: (event: MouseEvent<HTMLAnchorElement>) => void;
  /** The app's link component (next/link); a plain anchor by default. */
  link?: ComponentType<LinkProps>;
}

/**
 * A story in the feed: kicker (category), headline, standfirst and byline. The headline link stretches over
 * the whole card so the card is one click target while screen readers hear only the headline.
 */
export function FeedCard({ href, title, abstract, category, source, publishedAt, now, because, onNavigate, link }: FeedCardProps) {
  const Link = link ?? 'a';
  return (
    <article className="group relative border-b border-rule py-5 has-[a:focus-visible]:outline-3 has-[a:focus-visible]:outline-accent sm:py-6">
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
        <span className="font-medium text-ink">{source}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={publishedAt.toISOString()}>{formatAge(publishedAt, now)}</time>
        {because ? (
          <>
            <span aria-hidden="true">·</span>
            <span className="italic">Because you read “{because}”</span>
          </>
        ) : null}
      </p>
    </article>
  );
}

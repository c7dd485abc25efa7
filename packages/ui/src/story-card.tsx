import type { AnchorHTMLAttributes, ComponentType, CSSProperties, MouseEvent, ReactNode, Ref } from 'react';

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
  /** Lead image (http/https); without one the card shows its section in a designed panel. */
  imageUrl?: string | null;
  /** The reader opened it before: marked "Read", headline in the muted ink (still ≥ 7:1 contrast). */
  read?: boolean;
  onNavigate?: (event: MouseEvent<HTMLAnchorElement>) => void;
  link?: ComponentType<LinkProps>;
  /** Controls under the byline (buttons only: the headline stays the card's one link). */
  actions?: ReactNode;
  /** Shown under the actions, e.g. the "why am I seeing this?" panel. */
  details?: ReactNode;
  cardRef?: Ref<HTMLElement>;
}

/** A stable hue per section, so a section's image-less cards look alike and different from the next. */
export function hueOfSection(category: string): number {
  let hash = 0;
  for (const ch of category) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 360;
}

/**
 * The picture slot: the article's image, or (from small tablets up, where cards have room for it) a short
 * band in the section's hue with its name set large: a text-only card keeps its identity without spending a
 * 16:9 picture's height, so more stories fit a desktop screen.
 */
function StoryVisual({ imageUrl, category }: { imageUrl?: string | null; category: string }) {
  const place = 'order-first sm:col-start-1 sm:row-span-6 sm:row-start-1 md:col-start-1 md:row-span-1 md:row-start-auto';
  if (imageUrl) {
    // Decorative: the headline says what the story is. A plain <img>: images come from any host, and Next's
    // image optimiser would fetch them server-side. No referrer goes to the image host.
    return <img src={imageUrl} alt="" loading="lazy" referrerPolicy="no-referrer" className={`${place} aspect-[16/9] w-full rounded-md bg-rule object-cover`} />;
  }
  return (
    <div
      aria-hidden="true"
      style={{ '--section-hue': hueOfSection(category) } as CSSProperties}
      className={`${place} story-panel hidden h-20 w-full items-end rounded-md p-3 sm:flex`}
    >
      <span className="font-serif text-2xl leading-none tracking-tight">{formatCategory(category)}</span>
    </div>
  );
}

/** Text rows sit right of the picture on small tablets, under it in the desktop grid. */
const textCell = 'sm:col-start-2 md:col-start-1';

/**
 * A feed story with reader controls. The headline link stretches over the card; the actions sit
 * above that overlay so they stay clickable and reachable by keyboard after the headline. Phones get a list,
 * small tablets a picture beside the text, desktops a grid of cards with the picture on top.
 */
export function StoryCard({ href, title, abstract, category, source, publishedAt, now, isNew, imageUrl, read, onNavigate, link, actions, details, cardRef }: StoryCardProps) {
  const Link = link ?? 'a';
  return (
    <article
      ref={cardRef}
      className="group relative grid h-full content-start gap-x-4 border-b border-rule py-5 has-[a:focus-visible]:outline-3 has-[a:focus-visible]:outline-accent sm:grid-cols-[10rem_1fr] md:grid-cols-1 md:border-b-0 md:py-0"
    >
      <p className={`${textCell} text-xs font-semibold uppercase tracking-wider text-accent md:mt-3`}>{formatCategory(category)}</p>
      <h2 className={`${textCell} mt-1 text-lg font-semibold leading-snug text-balance sm:text-xl ${read ? 'text-ink-muted' : 'text-ink'}`}>
        <Link
          href={href}
          onClick={onNavigate}
          className="after:absolute after:inset-0 after:content-[''] focus-visible:outline-none group-hover:underline decoration-2 underline-offset-4"
        >
          {title}
        </Link>
      </h2>
      {abstract ? <p className={`${textCell} mt-2 font-serif text-base leading-relaxed text-ink-muted line-clamp-2`}>{abstract}</p> : null}
      <p className={`${textCell} mt-3 flex flex-wrap items-center gap-x-2 text-sm text-ink-muted`}>
        {isNew ? (
          <span className="rounded-sm bg-accent px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-accent-ink">New</span>
        ) : null}
        {read ? <span className="rounded-sm border border-rule px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide">Read</span> : null}
        <span className="font-medium text-ink">{source}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={publishedAt.toISOString()}>{formatAge(publishedAt, now)}</time>
      </p>
      {actions ? <div className={`${textCell} relative z-10 mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm`}>{actions}</div> : null}
      {details ? <div className={`${textCell} relative z-10`}>{details}</div> : null}
      <StoryVisual imageUrl={imageUrl} category={category} />
    </article>
  );
}

/** A placeholder card while stories load: same rhythm as StoryCard, no content. */
export function StoryCardSkeleton() {
  return (
    <div aria-hidden="true" className="animate-pulse border-b border-rule py-5 md:border-b-0">
      <div className="aspect-[16/9] w-full rounded-md bg-rule" />
      <div className="mt-3 h-3 w-20 rounded bg-rule" />
      <div className="mt-3 h-5 w-11/12 rounded bg-rule" />
      <div className="mt-2 h-5 w-2/3 rounded bg-rule" />
      <div className="mt-4 h-3 w-full rounded bg-rule" />
      <div className="mt-2 h-3 w-5/6 rounded bg-rule" />
      <div className="mt-4 h-3 w-32 rounded bg-rule" />
    </div>
  );
}

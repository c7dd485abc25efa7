import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';

import { formatAge, formatCategory, formatDate } from '@lede/ui';

import { ArticleActions } from '~/components/article-actions';
import { DwellTracker, RelatedLink } from '~/components/article-tracking';

import { getApi } from '~/server/caller';

interface ArticlePageProps {
  params: Promise<{ id: string }>;
}

/** The article, or a 404 for ids the API does not know (or rejects as malformed). */
const loadArticle = cache(async (id: string) => {
  try {
    return await (await getApi()).articles.get({ id });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST')) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: ArticlePageProps): Promise<Metadata> {
  const article = await loadArticle(decodeURIComponent((await params).id));
  return { title: article.title, description: article.abstract };
}

export default async function ArticlePage({ params }: ArticlePageProps) {
  const article = await loadArticle(decodeURIComponent((await params).id));
  const api = await getApi();
  const [related, state] = await Promise.all([api.articles.related({ id: article.id, limit: 5 }), api.library.articleState({ articleId: article.id })]);
  const now = new Date();
  const paragraphs = (article.body ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

  return (
    <article className="mx-auto max-w-3xl py-8">
      <p className="text-sm">
        <Link href="/" className="text-ink-muted underline-offset-4 hover:underline">
          ← Back to your feed
        </Link>
      </p>
      <header className="mt-6 border-b border-rule pb-6">
        <p className="text-xs font-semibold uppercase tracking-wider text-accent">{formatCategory(article.category)}</p>
        <h1 className="mt-2 text-3xl font-semibold leading-tight text-balance sm:text-4xl">{article.title}</h1>
        {article.abstract ? <p className="mt-4 font-serif text-xl leading-relaxed text-ink-muted">{article.abstract}</p> : null}
        <p className="mt-4 flex flex-wrap gap-x-2 text-sm text-ink-muted">
          <span className="font-medium text-ink">{article.source}</span>
          {article.authors ? (
            <>
              <span aria-hidden="true">·</span>
              <span>{article.authors}</span>
            </>
          ) : null}
          <span aria-hidden="true">·</span>
          <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
        </p>
        <ArticleActions articleId={article.id} section={state.section} saved={state.saved} following={state.following} />
        {article.imageUrl ? (
          // A plain <img>: any host, not fetched by the server; no referrer to the image host.
          <img src={article.imageUrl} alt="" referrerPolicy="no-referrer" className="mt-6 aspect-[16/9] w-full rounded-md bg-rule object-cover" />
        ) : null}
      </header>
      {paragraphs.length > 0 ? (
        <div className="mt-6 space-y-5 font-serif text-lg leading-relaxed">
          {paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      ) : null}
      {article.url ? (
        <p className="mt-8">
          <a
            href={article.url}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-block rounded-full bg-ink px-6 py-2 font-medium text-paper hover:opacity-90"
          >
            Read the full story at {article.source}
            <span className="sr-only"> (opens in a new tab)</span>
            <span aria-hidden="true"> ↗</span>
          </a>
        </p>
      ) : null}
      <DwellTracker articleId={article.id} />
      {related.length > 0 ? (
        <aside aria-labelledby="related-title" className="mt-12 border-t border-rule pt-6">
          <h2 id="related-title" className="font-serif text-2xl">
            Related stories
          </h2>
          <ul className="mt-3 list-none">
            {related.map((r) => (
              <li key={r.id} className="border-b border-rule py-3">
                <p className="text-xs font-semibold uppercase tracking-wider text-accent">{formatCategory(r.category)}</p>
                <p className="mt-1 font-semibold leading-snug">
                  <RelatedLink id={r.id} title={r.title} />
                </p>
                <p className="mt-1 text-sm text-ink-muted">
                  {r.source} · <time dateTime={r.publishedAt.toISOString()}>{formatAge(r.publishedAt, now)}</time>
                </p>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </article>
  );
}

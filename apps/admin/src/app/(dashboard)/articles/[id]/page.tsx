import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { formatCategory, formatDate, formatPercent, StoryCard } from '@lede/ui';

import { PinForm } from '~/components/pin-form';
import { env } from '~/env';
import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';
import { draftAction, updateArticleAction } from '~/server/editorial-actions';

export const metadata: Metadata = { title: 'Article' };

const button = 'rounded-md border border-rule px-3 py-1.5 text-sm font-medium hover:border-ink';
const input = 'mt-1 block rounded-md border border-rule bg-paper px-2 py-1.5';

interface ArticlePageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<TSearchParams>;
}

export default async function ArticlePage({ params, searchParams }: ArticlePageProps) {
  if (!(await getStaffUser())) return null;
  const id = decodeURIComponent((await params).id);
  const sp = await searchParams;
  const api = await getApi();
  let article;
  try {
    article = await api.admin.articles.get({ id });
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  const categories = await api.admin.articles.categories({});
  const pinned = article.pinnedUntil && article.pinnedUntil > new Date();
  const error = first(sp.error);
  const onSite = `${env.LEDE_READER_URL.replace(/\/$/, '')}/article/${encodeURIComponent(article.id)}`;

  return (
    <>
      <p className="text-sm">
        <Link href="/articles" className="underline-offset-4 hover:underline">
          ← Articles
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{article.title}</h1>
      <p className="mt-1 text-sm text-ink-muted">
        {formatCategory(article.category)} · {article.source} · {formatDate(article.publishedAt)} ·{' '}
        <span>{{ PUBLISHED: 'Published', HIDDEN: 'Hidden', DRAFT: 'Draft (not shown to readers)' }[article.status]}</span>
        {pinned ? ` · pinned until ${article.pinnedUntil!.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}
        {article.boost !== 1 ? ` · boost ×${article.boost}` : ''}
      </p>
      {article.abstract ? <p className="mt-3 max-w-3xl">{article.abstract}</p> : null}
      <p className="mt-3 flex flex-wrap gap-4 text-sm">
        <a href={onSite} target="_blank" rel="noreferrer" className="font-medium underline-offset-4 hover:underline">
          View on site (opens in a new tab)
        </a>
        {article.url ? (
          <a href={article.url} target="_blank" rel="noreferrer" className="font-medium underline-offset-4 hover:underline">
            Publisher’s page (opens in a new tab)
          </a>
        ) : null}
        {article.importId ? (
          <Link href={`/articles?${new URLSearchParams({ import: article.importId })}`} className="font-medium underline-offset-4 hover:underline">
            Articles of the same import
          </Link>
        ) : null}
      </p>
      {first(sp.saved) ? (
        <p role="status" className="mt-3 text-sm font-medium">
          Saved. Feeds pick the change up on their next pool refresh (within a minute).
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 font-medium text-danger">
          {error}
        </p>
      ) : null}

      <dl aria-label="Click-through" className="mt-4 flex flex-wrap gap-6 text-sm">
        <div>
          <dt className="text-ink-muted">Impressions</dt>
          <dd className="text-lg font-semibold tabular-nums">{article.impressions.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt className="text-ink-muted">Clicks</dt>
          <dd className="text-lg font-semibold tabular-nums">{article.clicks.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt className="text-ink-muted">CTR</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatPercent(article.ctr, 2)}</dd>
        </div>
      </dl>

      <section aria-labelledby="editorial-title" className="mt-6 rounded-md border border-rule bg-surface p-4">
        <h2 id="editorial-title" className="text-lg font-semibold">
          Editorial
        </h2>
        <div className="mt-3 flex flex-wrap items-end gap-6 text-sm">
          {article.status === 'DRAFT' ? (
            <form action={draftAction} className="flex gap-2">
              <input type="hidden" name="id" value={article.id} />
              <button type="submit" name="op" value="publish" className={button}>
                Publish
              </button>
              <button type="submit" name="op" value="delete" className={button}>
                Delete draft
              </button>
            </form>
          ) : (
            <form action={updateArticleAction}>
              <input type="hidden" name="id" value={article.id} />
              <input type="hidden" name="op" value={article.status === 'HIDDEN' ? 'unhide' : 'hide'} />
              <button type="submit" className={button}>
                {article.status === 'HIDDEN' ? 'Unhide' : 'Hide'}
              </button>
            </form>
          )}
          <PinForm id={article.id} pinned={!!pinned} action={updateArticleAction} />
          <form action={updateArticleAction} className="flex items-end gap-2">
            <input type="hidden" name="id" value={article.id} />
            <input type="hidden" name="op" value="boost" />
            <label className="font-medium">
              Boost factor
              <input name="value" type="number" min={0} max={5} step={0.1} defaultValue={article.boost} className={`${input} w-24`} />
            </label>
            <button type="submit" className={button}>
              Set boost
            </button>
          </form>
          <form action={updateArticleAction} className="flex items-end gap-2">
            <input type="hidden" name="id" value={article.id} />
            <input type="hidden" name="op" value="category" />
            <label className="font-medium">
              Section
              <select name="value" defaultValue={article.category} required className={input}>
                {categories.map((c) => (
                  <option key={c.category} value={c.category}>
                    {formatCategory(c.category)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={button}>
              Set section
            </button>
          </form>
        </div>
      </section>

      <section aria-labelledby="preview-title" className="mt-6">
        <h2 id="preview-title" className="text-lg font-semibold">
          Preview in the feed
        </h2>
        <div className="mt-2 max-w-2xl rounded-md border border-rule bg-paper px-4">
          <StoryCard href={onSite} title={article.title} abstract={article.abstract} category={article.category} source={article.source} publishedAt={article.publishedAt} />
        </div>
      </section>

      <section aria-labelledby="neighbours-title" className="mt-6">
        <h2 id="neighbours-title" className="text-lg font-semibold">
          Nearest neighbours
        </h2>
        {article.neighbours.length ? (
          <ol aria-label="Nearest neighbours" className="mt-2 space-y-1 text-sm">
            {article.neighbours.map((n) => (
              <li key={n.articleId}>
                <Link href={`/articles/${encodeURIComponent(n.articleId)}`} className="underline-offset-4 hover:underline">
                  {n.title}
                </Link>{' '}
                <span className="text-ink-muted">
                  {formatCategory(n.category)} · cosine {n.similarity.toFixed(3)}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-sm text-ink-muted">
            {article.encoderVersion ? `No stored vector of ${article.encoderVersion} for this article yet.` : 'No encoder model is installed, so articles have no vectors.'}
          </p>
        )}
      </section>
    </>
  );
}

import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { formatCategory, formatDate } from '@lede/ui';

import { FeedPreview } from '~/components/feed-preview';
import { IssueResetForm } from '~/components/staff-forms';
import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Reader' };

interface ReaderPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<TSearchParams>;
}

const field = 'mt-1 block rounded-md border border-rule bg-surface px-3 py-2';

export default async function ReaderPage({ params, searchParams }: ReaderPageProps) {
  const user = await getStaffUser();
  if (!user) return null;
  const id = decodeURIComponent((await params).id);
  const sp = await searchParams;
  const api = await getApi();
  let reader;
  try {
    reader = await api.admin.readers.get({ id });
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  // Version names come from the model registry for admins; editors type them (or use the reader's own arm).
  const versions = user.role === 'ADMIN' ? (await api.admin.models.list({})).map((v) => v.id) : [];
  const a = first(sp.a)?.trim();
  const b = first(sp.b)?.trim();
  const compare = [a, b].filter((v): v is string => !!v).slice(0, 2);
  let feeds: Awaited<ReturnType<typeof api.admin.readers.feed>> = [];
  let feedError: string | null = null;
  try {
    feeds = await api.admin.readers.feed({ id, versions: compare, limit: 20 });
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code !== 'NOT_FOUND') throw err;
    feedError = err.message;
  }

  return (
    <>
      <h1 className="text-2xl font-semibold">Reader {reader.email ?? reader.externalId ?? reader.id}</h1>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-ink-muted">Id</dt>
        <dd className="font-mono text-xs">{reader.id}</dd>
        <dt className="text-ink-muted">External id</dt>
        <dd>{reader.externalId ?? '–'}</dd>
        <dt className="text-ink-muted">Activity</dt>
        <dd>
          {reader.impressions.toLocaleString('en-US')} impressions, {reader.clicks.toLocaleString('en-US')} clicks
          {reader.lastVisitAt ? `, last visit ${formatDate(reader.lastVisitAt)}` : ''}
        </dd>
        <dt className="text-ink-muted">Interests</dt>
        <dd>{reader.interests.length ? reader.interests.map(formatCategory).join(', ') : 'none chosen'}</dd>
      </dl>
      {user.role === 'ADMIN' && reader.email ? (
        <div className="mt-3">
          <IssueResetForm userId={reader.id} email={reader.email} />
        </div>
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_2fr]">
        <section aria-labelledby="history-title">
          <h2 id="history-title" className="text-lg font-semibold">
            History
          </h2>
          <p className="mt-1 text-sm text-ink-muted">
            Clicks per category: {reader.categories.map((c) => `${formatCategory(c.category)} ${c.clicks}`).join(' · ') || 'none'}
          </p>
          <ol aria-label="Clicked articles" className="mt-3 space-y-2 text-sm">
            {reader.history.map((h, i) => (
              <li key={`${h.articleId}-${i}`} className="border-b border-rule pb-2">
                <span className="font-medium">{h.title}</span>
                <span className="block text-xs text-ink-muted">
                  {formatCategory(h.category)} · <time dateTime={h.clickedAt.toISOString()}>{h.clickedAt.toISOString().slice(0, 16).replace('T', ' ')}</time>
                </span>
              </li>
            ))}
            {reader.history.length === 0 ? <li className="text-ink-muted">No clicks yet.</li> : null}
          </ol>
        </section>
        <section aria-labelledby="feed-title">
          <h2 id="feed-title" className="text-lg font-semibold">
            Feed now
          </h2>
          <form action={`/readers/${encodeURIComponent(id)}`} className="mt-2 flex flex-wrap items-end gap-3 text-sm" aria-label="Compare model versions">
            <datalist id="versions">
              {versions.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
            <label className="font-medium">
              Version A
              <input name="a" list="versions" defaultValue={a ?? ''} placeholder="reader’s own arm" className={field} />
            </label>
            <label className="font-medium">
              Version B
              <input name="b" list="versions" defaultValue={b ?? ''} placeholder="none" className={field} />
            </label>
            <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
              Compare
            </button>
          </form>
          <p className="mt-2 text-xs text-ink-muted">Computed without logging impressions: inspecting a reader does not change their metrics.</p>
          {feedError ? (
            <p role="alert" className="mt-2 font-medium text-danger">
              {feedError}
            </p>
          ) : null}
          <div className={`mt-3 grid gap-4 ${feeds.length > 1 ? 'xl:grid-cols-2' : ''}`}>
            {feeds.map((f) => (
              <FeedPreview key={f.version} version={f.version} items={f.items} />
            ))}
          </div>
        </section>
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';

import { LIBRARY_PAGE_SIZE, LibraryList, LibraryPage, parsePage } from '~/components/library-list';
import { getApi } from '~/server/caller';

export const metadata: Metadata = { title: 'History' };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const page = parsePage((await searchParams).page);
  const history = await (await getApi()).library.history({ limit: LIBRARY_PAGE_SIZE, offset: page * LIBRARY_PAGE_SIZE });
  return (
    <LibraryPage id="history" title="History" path="/history" page={page} more={history.more}>
      <p className="mt-2 text-ink-muted">
        Stories you opened, latest first: what your feed learns from. Muted a story or a section?{' '}
        <Link href="/not-interested" className="font-medium text-accent underline underline-offset-4">
          Manage “Not interested”
        </Link>
      </p>
      {history.items.length === 0 ? (
        <p className="mt-4 text-ink-muted">You have not opened any story yet.</p>
      ) : (
        <LibraryList label="Stories you read" items={history.items} atLabel="read" now={new Date()} />
      )}
    </LibraryPage>
  );
}

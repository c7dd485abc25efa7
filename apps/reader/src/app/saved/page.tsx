import type { Metadata } from 'next';
import Link from 'next/link';

import { LIBRARY_PAGE_SIZE, LibraryList, LibraryPage, parsePage } from '~/components/library-list';
import { getApi } from '~/server/caller';
import { unsaveAction } from '~/server/library-actions';

export const metadata: Metadata = { title: 'Saved' };

export default async function SavedPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const page = parsePage((await searchParams).page);
  const saved = await (await getApi()).library.saved({ limit: LIBRARY_PAGE_SIZE, offset: page * LIBRARY_PAGE_SIZE });
  return (
    <LibraryPage id="saved" title="Saved" path="/saved" page={page} more={saved.more}>
      {saved.items.length === 0 ? (
        <p className="mt-4 text-ink-muted">
          Nothing saved yet. Press <span className="font-medium text-ink">Save</span> on a story to keep it here.{' '}
          <Link href="/" className="font-medium text-accent underline underline-offset-4">
            Back to your feed
          </Link>
        </p>
      ) : (
        <LibraryList
          label="Saved stories"
          items={saved.items}
          atLabel="saved"
          now={new Date()}
          action={(item) => (
            <form action={unsaveAction}>
              <input type="hidden" name="articleId" value={item.id} />
              <button type="submit" className="text-sm font-medium text-ink-muted underline underline-offset-4 hover:text-ink">
                Remove<span className="sr-only"> “{item.title}” from Saved</span>
              </button>
            </form>
          )}
        />
      )}
    </LibraryPage>
  );
}

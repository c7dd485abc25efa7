import type { Metadata } from 'next';
import Link from 'next/link';

import { UploadForm } from '~/components/upload-form';
import { getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Import articles' };

export default async function ImportPage() {
  if (!(await getStaffUser())) return null;
  return (
    <>
      <p className="text-sm">
        <Link href="/articles" className="underline-offset-4 hover:underline">
          ← Articles
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Import articles</h1>
      <p className="mt-1 max-w-3xl text-sm text-ink-muted">
        Upload a JSONL file (one article per line: id, source, title, description, category, published), an RSS or Atom
        feed (.xml), a MIND data set as a .zip, or MIND’s news.tsv and behaviors.tsv together. Up to 50 MB. Importing is
        idempotent: articles already here are updated (their status stays as it is). Imported as drafts, new articles
        wait on the articles list (filter “Drafts”) until an editor publishes them.{' '}
        <Link href="/articles/imports" className="font-medium underline underline-offset-4">
          Import history
        </Link>
      </p>
      <UploadForm />
    </>
  );
}

import type { Metadata } from 'next';

import { formatCategory } from '@lede/ui';

import { LibraryList } from '~/components/library-list';
import { getApi } from '~/server/caller';
import { setSectionAction, unmuteAction } from '~/server/library-actions';

export const metadata: Metadata = { title: 'Not interested' };

const linkButton = 'text-sm font-medium text-ink-muted underline underline-offset-4 hover:text-ink';

function SectionList({ label, sections, change, verb }: { label: string; sections: string[]; change: 'unfollow' | 'show'; verb: string }) {
  return (
    <ul aria-label={label} className="mt-3 list-none">
      {sections.map((section) => (
        <li key={section} className="flex items-center justify-between gap-4 border-b border-rule py-3">
          <span className="font-medium">{formatCategory(section)}</span>
          <form action={setSectionAction}>
            <input type="hidden" name="section" value={section} />
            <input type="hidden" name="change" value={change} />
            <button type="submit" className={linkButton}>
              {verb}
              <span className="sr-only"> {formatCategory(section)}</span>
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** What the reader told the feed: stories marked "fewer like this", hidden sections, followed sections. */
export default async function NotInterestedPage() {
  const api = await getApi();
  const [muted, sections] = await Promise.all([api.library.muted(), api.library.sections()]);
  return (
    <div className="mx-auto max-w-3xl space-y-10 py-8">
      <h1 className="font-serif text-3xl">Not interested</h1>
      <section aria-labelledby="muted-title">
        <h2 id="muted-title" className="text-xl font-semibold">
          Fewer like these
        </h2>
        <p className="mt-2 text-ink-muted">Stories you marked “Not interested”: they and close neighbours leave your feed.</p>
        {muted.length === 0 ? (
          <p className="mt-3 text-ink-muted">None.</p>
        ) : (
          <LibraryList
            label="Stories you marked not interested"
            items={muted}
            atLabel="muted"
            now={new Date()}
            action={(item) => (
              <form action={unmuteAction}>
                <input type="hidden" name="articleId" value={item.id} />
                <button type="submit" className={linkButton}>
                  Undo<span className="sr-only"> “{item.title}”</span>
                </button>
              </form>
            )}
          />
        )}
      </section>
      <section aria-labelledby="hidden-title">
        <h2 id="hidden-title" className="text-xl font-semibold">
          Hidden sections
        </h2>
        <p className="mt-2 text-ink-muted">Left out of your top stories; their tabs still list them.</p>
        {sections.hidden.length === 0 ? <p className="mt-3 text-ink-muted">None.</p> : <SectionList label="Hidden sections" sections={sections.hidden} change="show" verb="Show again" />}
      </section>
      <section aria-labelledby="followed-title">
        <h2 id="followed-title" className="text-xl font-semibold">
          Sections you follow
        </h2>
        <p className="mt-2 text-ink-muted">Each page of your top stories keeps room for them.</p>
        {sections.followed.length === 0 ? (
          <p className="mt-3 text-ink-muted">None: follow a section from any of its stories, or in Settings.</p>
        ) : (
          <SectionList label="Followed sections" sections={sections.followed} change="unfollow" verb="Unfollow" />
        )}
      </section>
    </div>
  );
}

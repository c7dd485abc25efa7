import type { Metadata } from 'next';
import Link from 'next/link';

import { DeleteAccountForm, SettingsForm } from '~/components/account-forms';
import { getApi } from '~/server/caller';
import { signOutAction } from '~/server/account-actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const api = await getApi();
  const [profile, categories] = await Promise.all([api.account.profile(), api.feed.categories()]);
  return (
    <div className="mx-auto max-w-3xl space-y-10 py-8">
      <h1 className="font-serif text-3xl">Settings</h1>
      <section aria-labelledby="account-title">
        <h2 id="account-title" className="text-xl font-semibold">
          Account
        </h2>
        {profile.isAnonymous ? (
          <p className="mt-2 text-ink-muted">
            You are reading without an account.{' '}
            <Link href="/signup" className="font-medium text-ink underline underline-offset-4">
              Create one
            </Link>{' '}
            to keep your feed on every device.
          </p>
        ) : (
          <div className="mt-2 flex flex-wrap items-center gap-4">
            <p>
              Signed in as <span className="font-medium">{profile.email}</span>
            </p>
            <form action={signOutAction}>
              <button type="submit" className="rounded-full border border-ink px-4 py-1 text-sm font-medium">
                Sign out
              </button>
            </form>
          </div>
        )}
      </section>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title" className="text-xl font-semibold">
          Profile and interests
        </h2>
        <SettingsForm name={profile.name} interests={profile.interests} categories={categories.map((c) => c.name)} />
        <p className="mt-4 text-sm text-ink-muted">
          Stories and sections you muted:{' '}
          <Link href="/not-interested" className="font-medium text-accent underline underline-offset-4">
            Not interested
          </Link>
        </p>
      </section>
      <section aria-labelledby="data-title">
        <h2 id="data-title" className="text-xl font-semibold">
          Your data
        </h2>
        <p className="mt-2 text-ink-muted">Everything Lede stores about you: your profile, what you clicked and read, and which stories you were shown.</p>
        <a href="/api/account/export" download className="mt-3 inline-block font-medium text-accent underline underline-offset-4">
          Download my data (JSON)
        </a>
        <DeleteAccountForm />
      </section>
    </div>
  );
}

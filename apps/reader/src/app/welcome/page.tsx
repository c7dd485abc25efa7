import type { Metadata } from 'next';

import { OnboardingForm } from '~/components/onboarding-form';
import { getApi } from '~/server/caller';

export const metadata: Metadata = { title: 'Choose your interests' };

export default async function WelcomePage() {
  const options = await (await getApi()).onboarding.options();
  return (
    <section aria-labelledby="welcome-title" className="mx-auto max-w-3xl py-8">
      <h1 id="welcome-title" className="font-serif text-3xl">
        What do you like to read?
      </h1>
      <p className="mt-2 text-ink-muted">Pick a few sections, and like any headlines that catch your eye. Your first feed is ranked from them.</p>
      <OnboardingForm categories={options.categories} initial={options.interests} />
    </section>
  );
}

import { expect, test } from '@playwright/test';

import { stories } from '../support/reader';
import { storyIds } from '../support/reader-flows';
import { markRead, topStoryIds } from '../support/reader-library';

test.describe('reader depth', () => {
  test('after reading 30 stories every section still offers a full page of unread ones, read ones below', async ({ page }) => {
    // 29 sections, each a page load: minutes on a busy 2-core machine.
    test.setTimeout(480_000);
    const read = await topStoryIds(page, 30);
    await markRead(page, read);

    await page.goto('/');
    const tabs = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
    const sections = (await tabs.evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))).filter((h) => h.includes('category='));
    expect(sections.length).toBeGreaterThan(10);
    const thin: string[] = [];
    for (const href of sections) {
      await page.goto(href);
      const cards = stories(page);
      // Never "no stories" for a known section.
      await expect(cards.first()).toBeVisible();
      const count = await cards.count();
      const unread = await cards.filter({ hasNot: page.getByText('Read', { exact: true }) }).count();
      // A section smaller than a page (the corpus has 2 Weddings stories in all) lists what it has.
      if (count === 20) expect(unread, `unread stories on the first page of ${href}`).toBe(20);
      else thin.push(`${href}: ${count}`);
    }
    // Only the corpus' smallest sections hold less than a page.
    expect(thin.length, thin.join('; ')).toBeLessThanOrEqual(3);

    // Read stories stay reachable: a section lists its read stories after the unread ones, marked read
    // (in a small section, where the end of the list is a scroll away).
    await page.goto('/?category=EDUCATION');
    const education = await storyIds(page);
    await markRead(page, education.slice(0, 1));
    await page.goto('/?category=EDUCATION');
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 6000);
          return stories(page).filter({ has: page.getByText('Read', { exact: true }) }).count();
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    const readCards = stories(page).filter({ has: page.getByText('Read', { exact: true }) });
    const readLinks = await readCards.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    expect(readLinks).toContain(`/article/${encodeURIComponent(education[0]!)}`);
    // ... and after every unread one.
    const all = await stories(page).count();
    expect(await stories(page).nth(all - (await readCards.count())).getByText('Read', { exact: true }).count()).toBe(1);
  });
});

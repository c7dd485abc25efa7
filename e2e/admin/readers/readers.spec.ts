import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { ADMIN_URL, ARTIFACTS, DESKTOP } from '../../support/env';
import { busiestSimReader, CANDIDATE_VERSION, ensureCandidateVersion, signInAsEditor } from '../../support/staff';

async function inspectSimReader(page: Page) {
  const externalId = await busiestSimReader();
  await page.goto(`${ADMIN_URL}/readers`);
  await page.getByRole('searchbox').fill(externalId);
  await page.getByRole('button', { name: 'Find' }).click();
  // The search matches pieces of ids, so sim:7 also finds sim:70…: pick the exact one.
  await page.getByRole('table', { name: 'Readers' }).getByRole('link', { name: externalId, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Reader ${externalId}` })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Clicked articles' }).getByRole('listitem').first()).toBeVisible();
}

test.describe('reader inspector', () => {
  test.beforeAll(ensureCandidateVersion);

  for (const role of ['admin', 'editor'] as const) {
    test(`${role}: a reader’s history and their feed now, with score components, under two versions`, async ({ page }) => {
      await page.setViewportSize(DESKTOP);
      await (role === 'admin' ? signInAsAdmin(page) : signInAsEditor(page));
      await inspectSimReader(page);

      const own = page.getByRole('region', { name: /^Feed under / });
      await expect(own).toHaveCount(1);
      const first = own.getByRole('listitem').first();
      await expect(first.getByRole('table', { name: /^Score components of / })).toBeVisible();
      for (const h of ['Semantic', 'Freshness', 'Popularity', 'Diversity penalty', 'Editorial boost']) {
        await expect(first.getByRole('columnheader', { name: h })).toBeVisible();
      }
      await expect(own.getByText('Because they read:').first()).toBeVisible();
      // The ranking model's contributions in plain words, and what the reader's "Why am I seeing this?" says.
      const contributions = first.getByRole('table', { name: /^Ranking model contributions to / });
      await expect(contributions.getByRole('columnheader', { name: 'Signal' })).toBeVisible();
      await expect(contributions.getByRole('row')).not.toHaveCount(1);
      await expect(contributions.getByRole('cell').first()).toHaveText(/\w \w/);
      await expect(first.getByText('The reader is told:')).toBeVisible();

      await page.getByLabel('Version A').fill('baseline');
      await page.getByLabel('Version B').fill(CANDIDATE_VERSION);
      await page.getByRole('button', { name: 'Compare' }).click();
      await expect(page.getByRole('region', { name: 'Feed under baseline' })).toBeVisible();
      await expect(page.getByRole('region', { name: `Feed under ${CANDIDATE_VERSION}` })).toBeVisible();
      if (role === 'admin') await page.screenshot({ path: path.join(ARTIFACTS, 'admin-reader-inspector.png'), fullPage: true });

      await page.getByLabel('Version B').fill('no-such-version');
      await page.getByRole('button', { name: 'Compare' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'No model version no-such-version' })).toBeVisible();
    });
  }
});

import { expect, test } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { signInAsEditor } from '../../support/staff';

test.describe('newsroom overview', () => {
  test('an admin sees active readers, CTR and its trend, the version in service, health and coverage', async ({ page }) => {
    await signInAsAdmin(page);
    const figures = page.locator('dl[aria-label="Key figures"]');
    for (const title of ['Active readers today', 'CTR today', 'CTR, last 7 days', 'Catalogue coverage']) {
      await expect(figures.getByText(title, { exact: true })).toBeVisible();
    }
    await expect(figures).toContainText(/in the last 7 days/);
    await expect(figures).toContainText(/points vs the week before|no impressions the week before/);
    await expect(figures).toContainText(/published articles embedded/);
    await expect(page.getByRole('list', { name: 'Active model versions' }).getByRole('listitem').first()).toBeVisible();
    const health = page.getByRole('list', { name: 'System health' });
    await expect(health.getByRole('listitem').filter({ hasText: 'Worker' })).toBeVisible();
    await expect(health.getByRole('listitem').filter({ hasText: 'Encoder' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Click-through rate per day' })).toBeVisible();
  });

  test('an editor is pointed to the pages editors use', async ({ page }) => {
    await signInAsEditor(page);
    await expect(page.getByText(/visible to admins only/)).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Articles' })).toBeVisible();
  });
});

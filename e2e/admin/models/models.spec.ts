import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { ADMIN_URL, ARTIFACTS, DESKTOP } from '../../support/env';
import { CANDIDATE_VERSION, ensureCandidateVersion } from '../../support/staff';

function version(page: Page, id: string) {
  return page.getByRole('list', { name: 'Model versions' }).getByRole('article', { name: id, exact: true });
}

test.describe('models page', () => {
  test.beforeAll(ensureCandidateVersion);

  test('an admin sees offline metrics beside the baselines, splits traffic, rolls back and promotes; each is audited', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    await page.goto(`${ADMIN_URL}/models`);
    await expect(version(page, 'baseline')).toContainText('Active · 100% of traffic');
    const metrics = page.getByRole('table', { name: `Offline metrics of ${CANDIDATE_VERSION}` });
    await expect(metrics.getByRole('row', { name: /popularity \(baseline\)/ })).toContainText('0.5512');
    await expect(metrics.getByRole('row', { name: /recency \(baseline\)/ })).toBeVisible();
    await expect(metrics.getByRole('row', { name: new RegExp(CANDIDATE_VERSION) })).toContainText('0.6123');
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-models-desktop.png'), fullPage: true });

    await page.getByLabel('baseline (%)').fill('50');
    await page.getByLabel(`${CANDIDATE_VERSION} (%)`).fill('50');
    await page.getByRole('button', { name: 'Set A/B split' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'A/B split set' })).toBeVisible();
    await expect(version(page, CANDIDATE_VERSION)).toContainText('Active · 50% of traffic');
    await expect(version(page, 'baseline')).toContainText('Active · 50% of traffic');

    await page.getByRole('button', { name: 'Roll back' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rolled back' })).toBeVisible();
    await expect(version(page, 'baseline')).toContainText('Active · 100% of traffic');

    await page.getByRole('button', { name: `Promote to all traffic (${CANDIDATE_VERSION})` }).click();
    await expect(version(page, CANDIDATE_VERSION)).toContainText('Active · 100% of traffic');
    await expect(version(page, 'baseline')).toContainText('Retired');
    // Leave the e2e database as it was: the baseline serves everyone.
    await page.getByRole('button', { name: 'Roll back' }).click();
    await expect(version(page, 'baseline')).toContainText('Active · 100% of traffic');

    await page.goto(`${ADMIN_URL}/audit?action=model.`);
    const log = page.getByRole('table', { name: 'Audit log' });
    for (const action of ['model.split', 'model.rollback', 'model.promote']) {
      await expect(log.getByRole('row').filter({ hasText: action }).first()).toContainText('admin@lede.local');
    }
  });
});

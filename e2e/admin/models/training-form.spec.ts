import { expect, test } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { ADMIN_URL } from '../../support/env';

test.describe('training: form validation, comparison, nightly retraining', () => {
  test('epochs = 0 gets a readable message beside the field, and nothing lands in the URL', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(`${ADMIN_URL}/training`);
    await page.getByLabel('Epochs').fill('0');
    await page.getByLabel('Learning rate').fill('0');
    await page.getByRole('button', { name: 'Start run' }).click();
    await expect(page.getByText('Epochs must be at least 1.')).toBeVisible();
    await expect(page.getByText('Learning rate must be more than 0.')).toBeVisible();
    await expect(page.getByLabel('Epochs')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Epochs')).toHaveAccessibleDescription('Epochs must be at least 1.');
    // What was typed is kept, and no validation JSON is shown or put in the address.
    await expect(page.getByLabel('Epochs')).toHaveValue('0');
    await expect(page.getByRole('alert').filter({ hasText: 'Check the highlighted settings.' })).toBeVisible();
    expect(page.url()).toBe(`${ADMIN_URL}/training`);
    await expect(page.getByText(/too_small|"code"/)).toHaveCount(0);
  });

  test('runs are compared on held-out metrics and nightly retraining is described', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(`${ADMIN_URL}/training`);
    const compare = page.getByRole('table', { name: 'Run comparison' });
    for (const header of ['Run', 'Held out (n)', 'AUC', 'MRR', 'nDCG@5', 'nDCG@10', 'Against']) {
      await expect(compare.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'Nightly retraining' })).toBeVisible();
    await expect(page.getByText(/not worse than the active version on any held-out metric|Off \(LEDE_RETRAIN_HOUR_UTC=-1\)/)).toBeVisible();
  });
});

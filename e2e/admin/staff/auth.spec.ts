import { expect, test } from '@playwright/test';

import { signIn } from '../../support/admin';
import { ADMIN_EMAIL, ADMIN_URL } from '../../support/env';
import { ensureReaderAccount } from '../../support/accounts';

test.describe('admin sign-in', () => {
  test('a wrong password is refused', async ({ page }) => {
    await signIn(page, ADMIN_EMAIL, 'not-the-password');
    // Next's route announcer is an alert too: look for ours by its text.
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test('the dashboard sends visitors without a session to sign in', async ({ page }) => {
    await page.goto(`${ADMIN_URL}/articles`);
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('a reader-only session cannot see the dashboard', async ({ page }) => {
    const reader = await ensureReaderAccount();
    await signIn(page, reader.email, reader.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);

    await page.goto(`${ADMIN_URL}/articles`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Articles' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
  });
});

import { expect, test } from '@playwright/test';

import { signIn, signInAsAdmin } from '../../support/admin';
import { ensureReaderAccount } from '../../support/accounts';
import { ADMIN_URL } from '../../support/env';
import { signInAsEditor } from '../../support/staff';

const pages = [
  { path: '/', heading: 'Overview', adminOnly: false },
  { path: '/metrics', heading: 'Metrics', adminOnly: true },
  { path: '/models', heading: 'Models', adminOnly: true },
  { path: '/readers', heading: 'Readers', adminOnly: false },
  { path: '/articles', heading: 'Articles', adminOnly: false },
  { path: '/articles/import', heading: 'Import articles', adminOnly: false },
  { path: '/articles/imports', heading: 'Import history', adminOnly: false },
  { path: '/audit', heading: 'Audit log', adminOnly: false },
];

test.describe('dashboard pages by role', () => {
  test('an admin opens every page, and the nav links to training', async ({ page }) => {
    await signInAsAdmin(page);
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    await expect(nav.getByRole('link', { name: 'Training' })).toHaveAttribute('href', '/training');
    for (const p of pages) {
      await page.goto(`${ADMIN_URL}${p.path}`);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      await expect(page.getByText(/visible to admins only/)).toHaveCount(0);
    }
  });

  test('an editor opens the editor pages and is told the admin pages are for admins', async ({ page }) => {
    await signInAsEditor(page);
    for (const p of pages) {
      await page.goto(`${ADMIN_URL}${p.path}`);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      if (p.adminOnly) await expect(page.getByRole('status').filter({ hasText: 'visible to admins only' })).toBeVisible();
    }
    await expect(page.getByRole('table', { name: 'Audit log' })).toBeVisible();
  });

  test('a reader is refused on every page, and by the API behind them', async ({ page }) => {
    const reader = await ensureReaderAccount();
    await signIn(page, reader.email, reader.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    for (const p of [...pages, { path: '/readers/x', heading: '' }, { path: '/articles/x', heading: '' }]) {
      await page.goto(`${ADMIN_URL}${p.path}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
      await expect(page.getByRole('table')).toHaveCount(0);
    }
    const csv = await page.request.get(`${ADMIN_URL}/metrics/export?from=2020-01-01&to=2020-01-02`);
    expect(csv.status()).toBe(403);
    const upload = await page.request.post(`${ADMIN_URL}/api/uploads`, { multipart: { file: { name: 'a.jsonl', mimeType: 'application/json', buffer: Buffer.from('{}') } } });
    expect(upload.status()).toBe(403);
  });
});

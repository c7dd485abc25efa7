import { expect, test } from '@playwright/test';

import { createDb } from '@lede/db';
import { hash } from '@node-rs/argon2';

import { signIn, signInAsAdmin } from '../../support/admin';
import { ADMIN_URL, E2E_DATABASE_URL } from '../../support/env';
import { signInAsEditor } from '../../support/staff';

/** A staff member of this spec's own (the shared e2e editor keeps its role for the other specs). */
const MEMBER = { email: 'promote-me@e2e.lede.local', password: 'e2e-member-password' };

async function ensureMember(): Promise<void> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const passwordHash = await hash(MEMBER.password);
    await db.user.upsert({
      where: { email: MEMBER.email },
      create: { email: MEMBER.email, name: 'Promote Me', role: 'EDITOR', passwordHash, isAnonymous: false, interests: [] },
      update: { role: 'EDITOR', passwordHash },
    });
  } finally {
    await db.$disconnect();
  }
}

test.describe('staff page', () => {
  test('an admin promotes an editor to admin, recorded in the audit log', async ({ page }) => {
    await ensureMember();
    await signInAsAdmin(page);
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Staff' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
    const row = page.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: MEMBER.email });
    await expect(row.getByRole('cell', { name: 'editor', exact: true })).toBeVisible();

    await row.getByRole('button', { name: `Promote to admin: ${MEMBER.email}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${MEMBER.email} is now an admin` })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'admin', exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: `Demote to editor: ${MEMBER.email}` })).toBeVisible();

    await page.goto(`${ADMIN_URL}/audit`);
    await expect(page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'staff.role' }).first()).toContainText('ADMIN');
  });

  test('an admin issues a reset code that the staff member redeems on /reset, once', async ({ page, browser }) => {
    await ensureMember();
    await signInAsAdmin(page);
    await page.goto(`${ADMIN_URL}/staff`);
    const row = page.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: MEMBER.email });
    await row.getByRole('button', { name: `Issue a password reset for ${MEMBER.email}` }).click();
    const code = (await row.getByRole('status').locator('code').innerText()).trim();
    expect(code.length).toBeGreaterThan(30);

    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      const redeem = async () => {
        await other.goto(`${ADMIN_URL}/reset`);
        await other.getByLabel('Reset code').fill(code);
        await other.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
        await other.getByLabel('New password again').fill('a-brand-new-password');
        await other.getByRole('button', { name: 'Set new password' }).click();
      };
      await redeem();
      await expect(other.getByRole('status').filter({ hasText: 'Password set' })).toBeVisible();
      await signIn(other, MEMBER.email, 'a-brand-new-password');
      await expect(other.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await redeem();
      await expect(other.getByRole('alert').filter({ hasText: 'invalid, used or expired' })).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('an editor has no Staff link and cannot open the page', async ({ page }) => {
    await signInAsEditor(page);
    await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Staff' })).toHaveCount(0);
    await page.goto(`${ADMIN_URL}/staff`);
    await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'visible to admins only' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Staff' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Invite' })).toHaveCount(0);
  });
});

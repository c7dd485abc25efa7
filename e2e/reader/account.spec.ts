import fs from 'node:fs/promises';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { ARTIFACTS, DESKTOP, PHONE } from '../support/env';
import { clickStory, stories } from '../support/reader';
import { withE2eDb } from '../support/reader-db';

test.describe('reader account', () => {
  test('sign up keeps history; sign out, sign in; export my data; delete my account and history', async ({ page }) => {
    const email = `reader-${Date.now()}@e2e.lede.local`;
    const password = 'a long enough password';

    await page.goto('/');
    const { body } = await clickStory(page, 0);
    const clicked = body.events[0]!.articleId;

    await page.goto('/signup');
    await page.getByLabel('Name').fill('Ada');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/$/);
    const nav = page.getByRole('navigation', { name: 'Your Lede' });
    await expect(nav).toContainText('Ada');
    await expect(stories(page).first()).toBeVisible();

    await nav.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();

    await nav.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(nav).toContainText('Ada');

    await nav.getByRole('link', { name: 'Settings' }).click();
    for (const [name, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: path.join(ARTIFACTS, `reader-settings-${name}.png`), fullPage: true });
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data (JSON)' }).click()]);
    const data = JSON.parse(await fs.readFile(await download.path(), 'utf8')) as {
      profile: { id: string; email: string };
      events: { type: string; articleId: string }[];
      impressions: unknown[];
    };
    expect(data.profile.email).toBe(email);
    // The click made before signing up is still this reader's.
    expect(data.events).toContainEqual(expect.objectContaining({ type: 'CLICK', articleId: clicked }));
    expect(data.impressions.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toContain('argon2');

    await page.getByRole('button', { name: 'Delete my account and history' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Tick the box to confirm.');
    await page.getByLabel(/I understand/).check();
    await page.getByRole('button', { name: 'Delete my account and history' }).click();
    await expect(page).toHaveURL(/\/\?deleted=1$/);
    await expect(page.getByRole('status').filter({ hasText: 'Your account and reading history were deleted.' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
    const left = await withE2eDb(async (db) => ({
      users: await db.user.count({ where: { OR: [{ id: data.profile.id }, { email }] } }),
      sessions: await db.session.count({ where: { userId: data.profile.id } }),
      events: await db.readerEvent.count({ where: { userId: data.profile.id } }),
      impressions: await db.impression.count({ where: { userId: data.profile.id } }),
    }));
    expect(left).toEqual({ users: 0, sessions: 0, events: 0, impressions: 0 });
  });
});

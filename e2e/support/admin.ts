import { expect, type Page } from '@playwright/test';

import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_URL } from './env';

export async function signIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${ADMIN_URL}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
}

/** A cell of the overview's daily table, by day and column header; 0 when the day has no row yet. */
export async function readDailyMetric(page: Page, day: string, column: string): Promise<number> {
  const table = page.getByRole('table', { name: 'Daily metrics' });
  await expect(table).toBeVisible();
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === column);
  expect(index, `column ${column} in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  const row = table.getByRole('row').filter({ has: page.locator(`time[datetime="${day}"]`) });
  if ((await row.count()) === 0) return 0;
  const text = await row.getByRole('cell').nth(index).innerText();
  return Number(text.replace(/[^\d.]/g, ''));
}

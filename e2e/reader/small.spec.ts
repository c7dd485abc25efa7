import { expect, test } from '@playwright/test';

import { PHONE } from '../support/env';

test.describe('reader details', () => {
  test('a visible dark-mode toggle that the next page remembers', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const paper = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await paper();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await paper()).not.toBe(light);
    await page.goto('/search');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Dark mode' }).click();
    expect(await paper()).toBe(light);
  });

  test('cut-off section tabs show that they scroll, and scroll on a press of the arrow', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto('/');
    const scroller = page.getByRole('navigation', { name: 'Sections' }).locator('div.overflow-x-auto');
    const before = await scroller.evaluate((el) => el.scrollLeft);
    // The arrows are for pointers only (hidden from assistive technology; every tab is a link).
    const more = page.getByRole('navigation', { name: 'Sections' }).locator('button', { hasText: '›' });
    await expect(more).toBeVisible();
    await more.click();
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
    await expect(page.getByRole('navigation', { name: 'Sections' }).locator('button', { hasText: '‹' })).toBeVisible();
  });

  test('unknown sections and pages answer a proper not-found', async ({ page }) => {
    const section = await page.goto('/?category=NO%20SUCH%20SECTION');
    expect(section?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Section not found' })).toBeVisible();
    const other = await page.goto('/no/such/page');
    expect(other?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });

  test('has a favicon', async ({ page }) => {
    await page.goto('/');
    const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(href).toBeTruthy();
    const icon = await page.request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
  });
});

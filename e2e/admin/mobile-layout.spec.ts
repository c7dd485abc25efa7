import { expect, test, type Page } from '@playwright/test';

import { signInAsAdmin } from '../support/admin';
import { ADMIN_URL, PHONE } from '../support/env';
import { ensureCandidateVersion } from '../support/staff';

const PAGES = ['/', '/metrics', '/models', '/training', '/readers', '/articles', '/audit'];

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe('admin on a phone', () => {
  test.beforeAll(ensureCandidateVersion);

  test('no page scrolls sideways (wide tables scroll inside their own box)', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInAsAdmin(page);
    for (const path of PAGES) {
      await page.goto(`${ADMIN_URL}${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await sidewaysOverflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });

  test('every button’s accessible name contains its visible label', async ({ page }) => {
    await signInAsAdmin(page);
    for (const path of PAGES) {
      await page.goto(`${ADMIN_URL}${path}`);
      const buttons = page.getByRole('button');
      for (let i = 0; i < (await buttons.count()); i++) {
        const button = buttons.nth(i);
        if (!(await button.isVisible())) continue;
        const visible = (await button.innerText()).replace(/\s+/g, ' ').trim();
        const name = (await button.evaluate((b) => b.getAttribute('aria-label') ?? b.textContent ?? '')).replace(/\s+/g, ' ').trim();
        if (visible) expect(name.toLowerCase(), `${path}: button “${visible}”`).toContain(visible.toLowerCase());
      }
    }
    await page.goto(`${ADMIN_URL}/models`);
    await expect(page.getByRole('button', { name: /^Promote to all traffic \(/ }).first()).toBeVisible();
  });
});

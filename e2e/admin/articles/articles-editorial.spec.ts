import fs from 'node:fs';

import { expect, test, type Page } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { ADMIN_URL, READER_URL } from '../../support/env';
import { stories } from '../../support/reader';
import { signInAsEditor } from '../../support/staff';

/** Opens the newest article's page from the list (filtered to a category when given) and returns its title. */
async function openFirstArticle(page: Page, category?: string): Promise<string> {
  await page.goto(`${ADMIN_URL}/articles${category ? `?category=${encodeURIComponent(category)}` : ''}`);
  const link = page.getByRole('table', { name: 'Articles' }).getByRole('row').nth(1).getByRole('link');
  const title = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return title;
}

test.describe('articles: editorial', () => {
  test('an editor hides, boosts, re-categorises and unhides an article; the audit log names them', async ({ page }) => {
    await signInAsEditor(page);
    await openFirstArticle(page);
    const meta = page.locator('h1 + p');
    const section = page.getByLabel('Section');
    const originalCategory = await section.inputValue();
    const options = await section.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const otherCategory = options.find((o) => o !== originalCategory)!;
    await expect(page.getByRole('list', { name: 'Nearest neighbours' }).or(page.getByText(/no vectors|No stored vector/))).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: '%' })).toBeVisible();

    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(meta).toContainText('Hidden');
    await page.getByLabel('Boost factor').fill('2');
    await page.getByRole('button', { name: 'Set boost' }).click();
    await expect(meta).toContainText('boost ×2');
    await section.selectOption(otherCategory);
    await page.getByRole('button', { name: 'Set section' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(page.getByLabel('Section')).toHaveValue(otherCategory);

    // Put everything back.
    await page.getByRole('button', { name: 'Unhide' }).click();
    await expect(meta).toContainText('Published');
    await page.getByLabel('Boost factor').fill('1');
    await page.getByRole('button', { name: 'Set boost' }).click();
    await page.getByLabel('Section').selectOption(originalCategory);
    await page.getByRole('button', { name: 'Set section' }).click();
    await expect(meta).not.toContainText('boost');

    await page.goto(`${ADMIN_URL}/audit?action=article.`);
    const log = page.getByRole('table', { name: 'Audit log' });
    for (const action of ['article.hide', 'article.boost', 'article.recategorize', 'article.unhide']) {
      await expect(log.getByRole('row').filter({ hasText: action }).first()).toContainText('editor@e2e.lede.local');
    }
  });

  test('an admin pins an article and it reaches the top of a reader’s feed', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInAsAdmin(page);
    // An article the reader's feed holds (the pool is the last 30 days), but not its first story.
    const reader = await (await browser.newContext({ baseURL: READER_URL })).newPage();
    await reader.goto('/');
    await expect(stories(reader).first()).toBeVisible();
    const title = (await stories(reader).nth(5).getByRole('link').innerText()).trim();
    await page.goto(`${ADMIN_URL}/articles?q=${encodeURIComponent(title)}`);
    await page.getByRole('table', { name: 'Articles' }).getByRole('link', { name: title, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    await expect(page.locator('h1 + p')).toContainText('pinned until');
    // The reader API's candidate pool refreshes changed articles in the background (LEDE_POOL_REFRESH_S).
    await expect
      .poll(
        async () => {
          await reader.reload();
          return (await stories(reader).first().getByRole('link').innerText()).trim();
        },
        { timeout: 90_000, intervals: [3_000] },
      )
      .toBe(title);
    await page.getByRole('button', { name: 'Unpin' }).click();
    await expect(page.locator('h1 + p')).not.toContainText('pinned until');
    await reader.context().close();
  });
});

test.describe('articles: import', () => {
  const jsonl = [
    { id: 'e2e-up-1', source: 'e2e-upload', title: 'Uploaded through the dashboard one', description: 'x', category: 'E2E', published: '2020-01-01' },
    { id: 'e2e-up-2', source: 'e2e-upload', title: 'Uploaded through the dashboard two', description: 'y', category: 'E2E', published: '2020-01-02' },
  ].map((o) => JSON.stringify(o)).join('\n');

  for (const role of ['editor', 'admin'] as const) {
    test(`${role}: uploads a JSONL file and watches the import finish`, async ({ page }) => {
      await (role === 'admin' ? signInAsAdmin(page) : signInAsEditor(page));
      await page.goto(`${ADMIN_URL}/articles`);
      await page.getByRole('link', { name: 'Import articles' }).click();
      await page.getByLabel('File(s)').setInputFiles({ name: 'e2e-upload.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) });
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Import finished: 2 articles' })).toBeVisible({ timeout: 30_000 });

      await page.goto(`${ADMIN_URL}/articles?q=${encodeURIComponent('Uploaded through the dashboard')}`);
      await expect(page.getByRole('table', { name: 'Articles' }).getByRole('row')).toHaveCount(3);
    });
  }

  test('unknown formats and oversized files are refused with a clear message', async ({ page }, testInfo) => {
    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/articles/import`);
    await page.getByLabel('File(s)').setInputFiles({ name: 'notes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Unknown format' })).toBeVisible();

    // Playwright passes buffers up to 50 MB only: a bigger upload goes through a file.
    const huge = testInfo.outputPath('huge.jsonl');
    fs.writeFileSync(huge, Buffer.alloc(51 * 1024 * 1024, 32));
    await page.getByLabel('File(s)').setInputFiles(huge);
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'the limit is 50 MB' })).toBeVisible();

    const tooBig = await page.request.post(`${ADMIN_URL}/api/uploads`, {
      multipart: { file: fs.createReadStream(huge) },
    });
    expect(tooBig.status()).toBe(413);
  });
});

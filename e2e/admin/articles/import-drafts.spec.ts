import { expect, test } from '@playwright/test';

import { expectNoSeriousA11yViolations } from '../../support/a11y';
import { ADMIN_URL, READER_URL } from '../../support/env';
import { signInAsEditor } from '../../support/staff';

test.describe('articles: import as drafts, publish, import history', () => {
  test('an editor imports a JSONL file as drafts; readers see nothing until it is published; the history lists it', async ({ page, browser }) => {
    test.setTimeout(120_000);
    // Unique per run: a retry imports new articles rather than updating the first try's.
    const run = Date.now().toString(36);
    const fileName = `drafts-${run}.jsonl`;
    const published = new Date(Date.now() - 3_600_000).toISOString();
    const titles = [`Zephyrquill embargoed story one ${run}`, `Zephyrquill embargoed story two ${run}`];
    const jsonl = titles
      .map((title, i) => JSON.stringify({ id: `e2e-draft-${run}-${i}`, source: 'e2e-drafts', title, description: 'Held for review.', url: `https://example.com/drafts/${run}/${i}`, category: 'E2E', published }))
      .join('\n');

    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/articles/import`);
    await page.getByLabel('File(s)').setInputFiles({ name: fileName, mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) });
    await page.getByLabel(/Import as drafts/).check();
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Import finished: 2 articles' })).toBeVisible({ timeout: 30_000 });

    await page.getByRole('link', { name: 'Review the drafts of this import' }).click();
    const table = page.getByRole('table', { name: 'Articles' });
    await expect(table.getByRole('row')).toHaveCount(3);
    for (const title of titles) await expect(table.getByRole('row').filter({ hasText: title })).toContainText('Draft');
    const href = await table.getByRole('link', { name: titles[0], exact: true }).getAttribute('href');
    const id = decodeURIComponent(href!.split('/').pop()!);

    // The reader site knows nothing of a draft: its page is a 404 and search does not find it.
    const reader = await (await browser.newContext({ baseURL: READER_URL })).newPage();
    expect((await reader.goto(`/article/${encodeURIComponent(id)}`))?.status()).toBe(404);
    await reader.goto(`/search?q=${encodeURIComponent(`Zephyrquill ${run}`)}`);
    await expect(reader.getByRole('status')).toBeVisible();
    await expect(reader.getByRole('link', { name: titles[0] })).toHaveCount(0);

    for (const title of titles) await table.getByRole('row').filter({ hasText: title }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Publish selected', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published 2 of 2 selected articles.' })).toBeVisible();
    // The list of this import's drafts is empty now; without the status filter it shows them published.
    await expect(table.getByRole('row').filter({ hasText: run })).toHaveCount(0);
    await page.goto(`${ADMIN_URL}/articles?${new URLSearchParams({ q: run })}`);
    for (const title of titles) await expect(table.getByRole('row').filter({ hasText: title })).toContainText('Published');

    const response = await reader.goto(`/article/${encodeURIComponent(id)}`);
    expect(response?.status()).toBe(200);
    await expect(reader.getByRole('heading', { level: 1, name: titles[0] })).toBeVisible();
    await reader.goto(`/search?q=${encodeURIComponent(`Zephyrquill ${run}`)}`);
    await expect(reader.getByRole('link', { name: titles[0] }).first()).toBeVisible();
    await reader.context().close();

    await page.goto(`${ADMIN_URL}/articles`);
    await page.getByRole('link', { name: 'Import history' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import history' })).toBeVisible();
    const entry = page.getByRole('table', { name: 'Import history' }).getByRole('row').filter({ hasText: fileName });
    await expect(entry).toContainText('editor@e2e.lede.local');
    await expect(entry).toContainText('Succeeded');
    await expect(entry).toContainText('2 articles');
    await expect(entry).toContainText('Drafts (0 of 2 new still drafts)');
    await expectNoSeriousA11yViolations(page, 'admin /articles/imports');
    await entry.getByRole('link', { name: 'View 2 new' }).click();
    await expect(page.getByRole('table', { name: 'Articles' }).getByRole('row')).toHaveCount(3);

    await page.goto(`${ADMIN_URL}/audit?action=article.`);
    await expect(page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'article.publish' }).first()).toContainText('editor@e2e.lede.local');

    // Leave the reader as it was: these fresh stories would top every later spec's feed.
    await page.goto(`${ADMIN_URL}/articles?${new URLSearchParams({ q: run })}`);
    for (const title of titles) await table.getByRole('row').filter({ hasText: title }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Hide selected', exact: true }).click();
    for (const title of titles) await expect(table.getByRole('row').filter({ hasText: title })).toContainText('Hidden');
  });
});

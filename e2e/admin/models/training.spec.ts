import path from 'node:path';

import { expect, test } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { ADMIN_URL, ARTIFACTS, DESKTOP } from '../../support/env';
import { withE2eDb } from '../../support/reader-db';

test.describe('training', () => {
  test('an admin launches a short fine-tune, watches it finish, promotes the candidate and rolls it back', async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    await page.goto(`${ADMIN_URL}/training`);
    await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
    // The form comes with the defaults filled in.
    await expect(page.getByLabel('Epochs')).toHaveValue('1');
    await expect(page.getByLabel('Negatives per click')).toHaveValue('4');
    // The e2e data has three days of simulated reading: train on two, hold out the last.
    await page.getByLabel('Data window (days)').fill('3');
    // It holds few clicks (one batch): a few epochs give the loss curve some steps.
    await page.getByLabel('Epochs').fill('5');
    await page.getByRole('button', { name: 'Start run' }).click();

    await expect(page).toHaveURL(/\/training\/[a-z0-9]+$/);
    const runId = page.url().split('/').pop()!;
    const status = page.getByTestId('run-status');
    await expect(status).toHaveText(/QUEUED|RUNNING|SUCCEEDED/);
    // The worker picks the run up and the page follows it live (it polls), with no reload.
    await expect(status).toHaveText('SUCCEEDED', { timeout: 180_000 });
    await expect(page.getByRole('img', { name: /Loss curve/ })).toBeVisible();
    const metrics = page.getByRole('table', { name: 'Held-out metrics' });
    await expect(metrics.getByRole('row', { name: /This run \(user model and ranking model\)/ })).toBeVisible();
    await expect(metrics.getByRole('row', { name: /untrained attention pooling/ })).toBeVisible();
    await expect(metrics.getByRole('row', { name: /Popularity/ })).toBeVisible();
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-training-run.png'), fullPage: true });

    const versionId = await withE2eDb(async (db) => (await db.trainingRun.findUniqueOrThrow({ where: { id: runId } })).modelVersionId);
    expect(versionId).toBeTruthy();
    await expect(page.getByText(`${versionId!} · CANDIDATE`)).toBeVisible();
    // A few epochs on the e2e log need not beat the active version: the guard asks for an explicit confirmation.
    await page.getByRole('checkbox', { name: 'Promote even if worse than the active version on held-out days' }).check();
    await page.getByRole('button', { name: 'Promote', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Promoted ${versionId!}` })).toBeVisible();
    await expect(page.getByText(`${versionId!} · ACTIVE · traffic 100%`)).toBeVisible();

    // Leave serving as it was for the other specs: roll the promotion back.
    await page.getByRole('button', { name: 'Roll back' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rolled back' })).toBeVisible();
    const audit = await withE2eDb((db) => db.auditLog.findMany({ where: { OR: [{ target: runId }, { target: versionId! }] }, select: { action: true } }));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['training.start', 'model.promote']));
  });
});

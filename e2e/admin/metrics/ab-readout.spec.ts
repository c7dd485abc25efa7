import { expect, test } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { ADMIN_URL } from '../../support/env';

test.describe('A/B readout', () => {
  test('per arm impressions, clicks, CTR with a 95% interval and a z-test; n under every chart', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(`${ADMIN_URL}/metrics?by=modelVersion`);
    const readout = page.getByRole('table', { name: 'A/B readout' });
    for (const header of ['Arm', 'Impressions (n)', 'Clicks', 'CTR', '95% interval']) {
      await expect(readout.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
    }
    await expect(readout.getByRole('columnheader', { name: /^vs / })).toBeVisible();
    const rows = readout.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    // Every arm row shows an interval "a% – b%", and the reference arm is named.
    await expect(rows.nth(1)).toContainText(/%\s–\s[\d.]+%/);
    await expect(readout).toContainText(/reference|history, not tested/);
    // Logs imported through the MIND importer carry the model version `import`: never shown as a bare arm id.
    await expect(readout.getByRole('cell', { name: 'import', exact: true })).toHaveCount(0);
    await expect(page.getByText(/^n = [\d,]+ /)).toHaveCount(4);
  });
});

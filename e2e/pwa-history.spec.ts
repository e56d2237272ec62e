import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { openApp, QUICK_PROTOCOL, runPlan } from './helpers';

const VIEWPORTS = [
  { name: 'phone', viewport: { width: 360, height: 740 } },
  { name: 'laptop', viewport: { width: 1280, height: 800 } },
] as const;

for (const vp of VIEWPORTS) {
  test.describe(`History on a ${vp.name}`, () => {
    test.use({ viewport: vp.viewport });

    test('export all as JSON, refuse a broken import without losing anything, import, clear only after confirming', async ({ page }, testInfo) => {
      await openApp(page);
      await runPlan(page, { cells: [{ modelId: 'mlp-s', variant: 'fp32', runtime: 'tfjs', backend: 'cpu' }], protocol: QUICK_PROTOCOL });
      const rows = page.locator('#history-table tbody tr');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('tfjs/cpu');
      await expect(rows.first()).toContainText(/\d+(\.\d+)? (µs|ms)/);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as JSON' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^edgewatt-history-.*\.json$/);
      const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { kind: string; records: { id: string; createdAt: string }[] };
      expect(exported.kind).toBe('edgewatt-history');
      expect(exported.records).toHaveLength(1);

      const input = page.getByLabel('Import JSON');
      await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"kind": "edgewatt-history", "records": [') });
      await expect(page.locator('#history-message [role="alert"]')).toContainText('not valid JSON');
      await expect(rows).toHaveCount(1);

      const copy = { ...exported.records[0]!, id: '11111111-2222-4333-8444-555555555555', createdAt: '2026-01-01T00:00:00.000Z' };
      const badRecord = { ...copy, id: '11111111-2222-4333-8444-666666666666', state: 'finished' };
      await input.setInputFiles({ name: 'one-bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, records: [copy, badRecord] })) });
      await expect(page.locator('#history-message [role="alert"]')).toContainText('1 of 2 results');
      await expect(page.locator('#history-message [role="alert"] li')).toContainText('result 2');
      await expect(rows).toHaveCount(1);

      await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, records: [copy] })) });
      await expect(page.locator('#history-message [role="status"]')).toContainText('Imported 1 results');
      await expect(rows).toHaveCount(2);
      await page.reload();
      await page.waitForFunction(() => window.edgewatt?.ready === true);
      await expect(rows).toHaveCount(2);

      const clear = page.getByRole('button', { name: 'Clear history…' });
      await clear.click();
      await expect(page.locator('#history-confirm')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(page.locator('#history-confirm')).toBeHidden();
      await expect(clear).toBeFocused();
      await expect(rows).toHaveCount(2);

      await clear.click();
      const shot = testInfo.outputPath(`history-confirm-${vp.name}.png`);
      await page.locator('#history').screenshot({ path: shot });
      await testInfo.attach(`history with the clear confirmation (${vp.name})`, { path: shot, contentType: 'image/png' });
      await page.getByRole('button', { name: 'Delete all 2 results' }).click();
      await expect(page.locator('#history-list')).toContainText('No stored results yet');
      await page.reload();
      await page.waitForFunction(() => window.edgewatt?.ready === true);
      await expect(page.locator('#history-list')).toContainText('No stored results yet');
    });
  });
}

import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a person picks a model and two cells, presses Run, watches progress and gets a results table that survives a reload', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('#isolation')).toHaveText(/^cross-origin isolated/);

  await page.locator('#model-select').selectOption(['mlp-s']);
  for (const box of await page.locator('#cell-picker input[type=checkbox]').all()) await box.uncheck();
  await page.locator('#cell-ort-wasm').check();
  await page.locator('#cell-tfjs-cpu').check();
  await page.locator('#protocol-budgetMs').fill('100');

  await page.locator('#run').click();
  await expect(page.locator('#progress li')).not.toHaveCount(0);
  const rows = page.locator('#results-grid tbody tr');
  await expect(rows).toHaveCount(2, { timeout: 120_000 });
  await expect(page.locator('#run')).toBeEnabled({ timeout: 60_000 });

  const ortRow = page.locator('tr[data-cell="mlp-s/ort/wasm"]');
  await expect(ortRow).toHaveAttribute('data-state', 'completed');
  await expect(ortRow).toContainText(/\d+(\.\d+)? (µs|ms)/);
  await expect(page.locator('#results-grid thead')).toContainText('95 % CI of median');
  await expect(page.locator('#results-grid thead')).toContainText('Fidelity');
  await expect(page.locator('#environment-list')).toContainText('Cross-origin isolated');
  await expect(page.locator('#environment-list')).toContainText('swiftshader');

  await page.reload();
  await page.waitForFunction(() => window.edgewatt?.ready === true);
  await expect(page.locator('tr[data-cell="mlp-s/ort/wasm"]')).toHaveCount(1);
  await expect(page.locator('tr[data-cell="mlp-s/tfjs/cpu"]')).toHaveCount(1);
});

import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { openApp, QUICK_PROTOCOL, runPlan } from './helpers';

const SUBMIT = '**/api/leaderboard/submissions';
const CELL = { modelId: 'mlp-s', variant: 'fp32', runtime: 'ort', backend: 'wasm' } as const;
const CELL_QUERY = 'modelId=mlp-s&variant=fp32&runtime=ort&backend=wasm';

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => window.edgewatt?.ready === true, undefined, { timeout: 60_000 });
}

/**
 * The Done-when of issue 5: profile → Share while the server is down → reload → server back →
 * the result appears once on the leaderboard. The e2e server ranks rows from n = 1 and starts
 * with an empty database (playwright.config.ts).
 */
test('a result shared while the server is down is kept across a reload and appears exactly once', async ({ page, context, request }, testInfo) => {
  await openApp(page);
  const { results } = await runPlan(page, { cells: [CELL], protocol: QUICK_PROTOCOL });
  expect(results.map((r) => r.state)).toEqual(['completed']);
  const recordId = results[0]!.id;

  // the server is down for submissions: every upload attempt fails at the network level
  let attemptsWhileDown = 0;
  await context.route(SUBMIT, (route) => {
    attemptsWhileDown++;
    return route.abort('connectionrefused');
  });

  await page.getByRole('link', { name: 'Share', exact: true }).click();
  const pick = page.locator(`#share-pick-${recordId}`);
  await pick.check();

  // the view shows exactly what will be sent: this result and a coarse descriptor, no user agent
  const preview = page.locator('#share-preview');
  await expect(preview).toContainText(recordId);
  const bundle = JSON.parse((await preview.textContent()) ?? '') as { submissionId: string; device: Record<string, unknown>; results: { id: string }[] };
  expect(bundle.results.map((r) => r.id)).toEqual([recordId]);
  expect(Object.keys(bundle.device).sort()).toEqual(['class', 'cores', 'gpu', 'memoryGiB', 'model', 'platform']);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  expect(await preview.textContent()).not.toContain(userAgent);

  await page.getByRole('button', { name: 'Share 1 result' }).click();
  const upload = page.locator(`#share-uploads li[data-submission="${bundle.submissionId}"]`);
  await expect(upload).toHaveAttribute('data-status', 'waiting');
  await expect(upload).toContainText('not sent yet');
  expect(attemptsWhileDown).toBeGreaterThan(0);
  // a queued result cannot be picked again, so it cannot be counted twice
  await expect(pick).toBeDisabled();

  await page.reload();
  await ready(page);
  await expect(upload).toHaveAttribute('data-status', 'waiting');

  // the server is back: the queue retries on its own (back-off) and the server acknowledges
  await context.unroute(SUBMIT);
  await expect(upload).toHaveAttribute('data-status', 'acknowledged', { timeout: 90_000 });
  await attachShot(page, '#share', 'share view after the acknowledgement', testInfo);

  // the server-rendered page shows the row once, with n = 1
  await expect
    .poll(async () => {
      const res = await request.get(`/api/leaderboard/leaderboard?${CELL_QUERY}&sort=latency`);
      const body = (await res.json()) as { rows: { n: number }[] };
      return body.rows.map((r) => r.n);
    })
    .toEqual([1]);
  const board = await context.newPage();
  await board.goto(`/leaderboard?${CELL_QUERY}`);
  const rows = board.locator('table tbody tr');
  await expect(rows).toHaveCount(1);
  // n = 1 submission, from one device on one network
  await expect(rows.first().locator('td.num').first()).toHaveText(/^1\s*1 dev · 1 net$/);
  await board.close();

  // a further reload does not send it again
  await page.reload();
  await ready(page);
  await expect(upload).toHaveAttribute('data-status', 'acknowledged');
  const again = await request.get(`/api/leaderboard/leaderboard?${CELL_QUERY}`);
  expect(((await again.json()) as { rows: { n: number }[] }).rows.map((r) => r.n)).toEqual([1]);

  await test.step('the Leaderboard view filters, places this device, links to the pages, and says so when offline', () => leaderboardView(page, testInfo));
});

async function attachShot(page: Page, selector: string, name: string, testInfo: TestInfo): Promise<void> {
  const path = testInfo.outputPath(`${selector.slice(1)}.png`);
  await page.locator(selector).screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function leaderboardView(page: Page, testInfo: TestInfo): Promise<void> {
  const context = page.context();
  await page.getByRole('link', { name: 'Leaderboard', exact: true }).click();
  const status = page.locator('#leaderboard-status');
  await expect(status).toContainText('public row');

  await page.locator('#lb-model').selectOption('mlp-s');
  await page.locator('#lb-runtime').selectOption('ort');
  await page.locator('#lb-backend').selectOption('wasm');
  await page.locator('#lb-sort').selectOption('latency');
  const row = page.locator('#leaderboard-table tbody tr[data-cell="mlp-s/fp32/ort/wasm"]');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-n', '1');
  // every figure with its unit; estimates with their method
  await expect(row.locator('td[data-metric="latency"]')).toContainText(/\d (µs|ms)/);
  await expect(row.locator('td[data-metric="latency"]')).toContainText('IQR');
  await expect(row.locator('td[data-metric="energy"]')).toContainText(/J\b[\s\S]*(measured|calibrated|modelled|assumed)/);
  await expect(row.locator('a').first()).toHaveAttribute('href', '/leaderboard/models/mlp-s');
  await expect(page.locator('#leaderboard-page-link')).toHaveAttribute('href', '/leaderboard');
  await expect(page.locator('#leaderboard-export-csv')).toHaveAttribute('href', /export\.csv\?modelId=mlp-s/);

  // the shared result is this browser's own: placed against the public row (which is itself)
  const standing = page.locator('#standing-table tbody tr[data-cell="mlp-s/fp32/ort/wasm"]');
  await expect(standing).toContainText('of 1 public row');
  await attachShot(page, '#leaderboard', 'leaderboard view', testInfo);

  // no server: a clear message, no crash, own results still shown
  await context.route('**/api/leaderboard/leaderboard*', (route) => route.abort('connectionrefused'));
  await page.locator('#lb-refresh').click();
  await expect(status.getByRole('alert')).toContainText('cannot be reached');
  await expect(page.locator('#leaderboard-rows')).toBeEmpty();
  await expect(page.locator('#standing-table')).toBeVisible();
}

import fs from 'node:fs';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { listen } from '../src/cli/serve';
import { createApp } from '../src/server/create-app';
import { DIST_DIR } from '../src/server/models-dir';
import { openApp, QUICK_PROTOCOL, runPlan, VIEWPORTS } from './helpers';

const CELLS = [
  { modelId: 'mlp-s', variant: 'fp32', runtime: 'ort', backend: 'wasm' },
  { modelId: 'mlp-s', variant: 'fp32', runtime: 'tfjs', backend: 'cpu' },
] as const;

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The first visit installs the worker, which takes over the page and caches the model manifest. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  await page.waitForFunction(async () => Boolean(await (await caches.open('edgewatt-models')).match('/models/manifest.json')), undefined, { timeout: 60_000, polling: 250 });
}

for (const vp of VIEWPORTS) {
  test.describe(`PWA on a ${vp.name} (${vp.viewport.width}×${vp.viewport.height})`, () => {
    test.use({ viewport: vp.viewport, isMobile: vp.isMobile, hasTouch: vp.hasTouch });

    test('is installable: a valid manifest with sized icons and a service worker that takes over the page', async ({ page, context }) => {
      await openApp(page);
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBe('/manifest.webmanifest');
      const res = await page.request.get(href!);
      expect(res.ok()).toBe(true);
      expect(res.headers()['content-type']).toContain('application/manifest+json');
      expect(res.headers()['cross-origin-embedder-policy']).toBe('require-corp');
      const manifest = (await res.json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; type: string; purpose: string }[] };
      expect(manifest).toMatchObject({ short_name: 'edgewatt', start_url: '/', display: 'standalone', theme_color: '#12372a' });
      for (const [size, purpose] of [[192, 'any'], [512, 'any'], [192, 'maskable'], [512, 'maskable']] as const) {
        const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
        expect(icon, `${size} ${purpose} icon`).toBeDefined();
        const png = await page.request.get(icon!.src);
        expect(png.headers()['content-type']).toBe('image/png');
        expect(pngSize(await png.body())).toEqual({ width: size, height: size });
      }
      await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#12372a');

      const scriptUrl = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
      expect(scriptUrl).toMatch(/\/sw\.js$/);
      await waitForOfflineReady(page);
      await expect(page.locator('#pwa-status')).toHaveAttribute('data-offline-ready', 'true');

      // what Chromium's install prompt checks; a test context is incognito, where Chromium never
      // offers installation, so the check runs again in a real (persistent) profile below
      const cdp = await context.newCDPSession(page);
      const parsed = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
      expect(parsed.url).toMatch(/\/manifest\.webmanifest$/);
      expect(parsed.errors).toEqual([]);
    });

    test('passes Chromium\'s installability checks in a normal browser profile', async ({ launchOptions, baseURL }, testInfo) => {
      const profile = await chromium.launchPersistentContext(testInfo.outputPath('profile'), { ...launchOptions, baseURL, viewport: vp.viewport, isMobile: vp.isMobile, hasTouch: vp.hasTouch });
      try {
        const page = profile.pages()[0] ?? (await profile.newPage());
        await openApp(page);
        await waitForOfflineReady(page);
        const cdp = await profile.newCDPSession(page);
        const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
        expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
      } finally {
        await profile.close();
      }
    });

    test('works offline after the first visit: reload, cross-origin isolation, stored results, a new run and the charts', async ({ page, context }, testInfo) => {
      await openApp(page);
      await waitForOfflineReady(page);
      // the first run fetches the models and ORT's wasm through the worker, which keeps them
      const first = await runPlan(page, { cells: [...CELLS], protocol: QUICK_PROTOCOL });
      expect(first.results.map((r) => r.state)).toEqual(['completed', 'completed']);

      await context.setOffline(true);
      await page.reload();
      await page.waitForFunction(() => window.edgewatt?.ready === true, undefined, { timeout: 60_000 });
      // navigator.onLine is no witness: Chromium 150 reports true again after a reload under Playwright's offline emulation;
      // a request the service worker does not answer must fail, which is what offline means to the app
      expect(await page.evaluate(() => fetch(`/api/leaderboard/models?offline-probe=${Date.now()}`, { cache: 'no-store' }).then(() => 'reached the network', () => 'offline'))).toBe('offline');
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await expect(page.locator('#isolation')).toHaveText(/^cross-origin isolated/);
      await expect(page.locator('#history-table tbody tr')).toHaveCount(2);
      await expect(page.locator('#results-grid tbody tr')).toHaveCount(2);
      expect(await page.evaluate(() => window.edgewatt!.modelIds())).toContain('mlp-s');

      const offline = await runPlan(page, { cells: [CELLS[0]], protocol: QUICK_PROTOCOL });
      expect(offline.results[0]?.state, JSON.stringify(offline.results[0])).toBe('completed');
      await expect(page.locator('#history-table tbody tr')).toHaveCount(3);

      await page.getByRole('link', { name: 'Trade-offs' }).click();
      await expect(page.locator('#trade-offs-body')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      await expect(page.locator('#chart-params-latency')).toHaveAttribute('data-state', 'drawn');
      await expect(page.locator('#chart-params-latency svg g.marks-cells > *')).not.toHaveCount(0);
      const shot = testInfo.outputPath(`offline-${vp.name}.png`);
      await page.screenshot({ path: shot });
      await testInfo.attach(`offline trade-offs (${vp.name})`, { path: shot, contentType: 'image/png' });
      await context.setOffline(false);
    });
  });
}

test.describe('PWA update', () => {
  test('a new version waits for the person: the prompt appears, and "Reload to update" activates it', async ({ page }, testInfo) => {
    // a private copy of the built app on its own port, so its worker script can change like a deployment
    const root = testInfo.outputPath('app');
    fs.mkdirSync(root, { recursive: true });
    for (const entry of fs.readdirSync(DIST_DIR)) if (entry !== 'sw.js') fs.symlinkSync(path.join(DIST_DIR, entry), path.join(root, entry));
    fs.copyFileSync(path.join(DIST_DIR, 'sw.js'), path.join(root, 'sw.js'));
    const server = await listen(createApp({ distDir: root }), 0);
    try {
      await openApp(page, server.url);
      await waitForOfflineReady(page);
      fs.appendFileSync(path.join(root, 'sw.js'), '\n// the next version\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const prompt = page.getByRole('status', { name: 'Update available' });
      await expect(prompt).toBeVisible({ timeout: 30_000 });
      await expect(prompt).toContainText('A new version of edgewatt is ready');
      // nothing happens without the person: the new worker waits
      expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);
      const shot = testInfo.outputPath('update-prompt.png');
      await page.screenshot({ path: shot });
      await testInfo.attach('update prompt', { path: shot, contentType: 'image/png' });
      const reloaded = page.waitForEvent('load');
      await prompt.getByRole('button', { name: 'Reload to update' }).click();
      await reloaded;
      await page.waitForFunction(() => window.edgewatt?.ready === true);
      expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

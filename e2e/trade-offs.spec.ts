import { expect, test } from '@playwright/test';
import { openApp, QUICK_PROTOCOL, runPlan, VIEWPORTS } from './helpers';

/**
 * Two models, two runtimes and three forge variants of one model: enough for every analysis
 * (pairs, correlations, device upgrades) and for the "did not pay" rules to have something to say.
 */
const CELLS = [
  { modelId: 'mlp-s', variant: 'fp32', runtime: 'ort', backend: 'wasm' },
  { modelId: 'mlp-s', variant: 'fp32', runtime: 'tfjs', backend: 'cpu' },
  { modelId: 'cnn-s', variant: 'fp32', runtime: 'ort', backend: 'wasm' },
  { modelId: 'mlp-s', variant: 'fp16', runtime: 'ort', backend: 'wasm' },
  { modelId: 'mlp-s', variant: 'prune-90', runtime: 'ort', backend: 'wasm' },
] as const;

/** Every chart and the SVG marks that carry its data (the charts give each data mark a class). */
const CHARTS: readonly { id: string; marks: string }[] = [
  { id: 'chart-params-latency', marks: 'g.marks-cells > *' },
  { id: 'chart-flops-energy', marks: 'g.marks-cells > *' },
  { id: 'chart-latency-energy', marks: 'g.marks-cells > *' },
  { id: 'chart-carbon-region', marks: 'g.marks-bars > rect' },
  { id: 'chart-rebound-horizon', marks: 'g.marks-series > path' },
  { id: 'chart-break-even', marks: 'g.marks-series > path' },
  { id: 'chart-edge-cloud', marks: 'g.marks-bars > rect' },
  { id: 'chart-device-upgrade', marks: 'g.marks-bars > rect' },
];

for (const vp of VIEWPORTS) {
  test.describe(`Trade-offs on a ${vp.name} (${vp.viewport.width}×${vp.viewport.height})`, () => {
    test.use({ viewport: vp.viewport, isMobile: vp.isMobile, hasTouch: vp.hasTouch });

    test('profile → trade-offs: every chart drawn with data, the findings, the loops, and inputs a person can change', async ({ page }, testInfo) => {
      await openApp(page);
      const { results } = await runPlan(page, { cells: [...CELLS], protocol: QUICK_PROTOCOL });
      expect(results.map((r) => r.state)).toEqual(CELLS.map(() => 'completed'));
      // the analyses need energy: the estimation stage puts it on every completed record
      for (const r of results) expect(r.state === 'completed' && r.estimates?.energyAttributableJ?.unit).toBe('J');

      await page.getByRole('link', { name: 'Trade-offs' }).click();
      const body = page.locator('#trade-offs-body');
      await expect(body).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      await expect(body).toHaveAttribute('data-cells', String(CELLS.length));
      await expect(page.locator('#trade-offs-status')).toContainText(`${CELLS.length} measured cell(s)`);

      for (const c of CHARTS) {
        const figure = page.locator(`#${c.id}`);
        await expect(figure, c.id).toHaveAttribute('data-state', 'drawn');
        expect(await figure.locator(`svg ${c.marks}`).count(), `${c.id} marks`).toBeGreaterThan(0);
        await expect(page.getByRole('figure', { name: await figure.locator('figcaption').innerText() })).toHaveCount(1);
      }
      // every dot says where its numbers come from, and is named for screen readers
      await expect(page.locator('#chart-params-latency svg g.marks-cells > *').first()).toHaveAttribute('aria-label', /ort\/wasm: .* parameters .*; .* (µs|ms) \(95 % CI .*measured\)/);
      const tip = await page.locator('#chart-flops-energy svg g.marks-cells > * title').first().textContent();
      expect(tip).toMatch(/Latency: median .* measured/);
      expect(tip).toMatch(/Energy per inference \(attributable\): .* J \(.*–.*, (modelled|calibrated|measured|assumed)\)/);

      await expect(page.locator('#spearman-flops-energy')).toHaveAttribute('data-state', 'computed');
      await expect(page.locator('#spearman-flops-energy')).toContainText('ρ =');
      // fp16 on WASM: half the file, the same FLOPs, no speed-up; 90 % pruning: dense kernels, no speed-up.
      // Either is a finding unless that variant turned out clearly faster, which WASM does not do.
      const findings = page.locator('#did-not-pay li[data-kind]');
      expect(await findings.count()).toBeGreaterThan(0);
      await expect(findings.first()).toContainText(/(fp16|prune-90) on ort\/wasm/);
      // colours follow the variant kind: fp32, fp16 and unstructured pruning are told apart
      await expect(page.locator('#chart-params-latency')).toContainText('prune-unstructured');

      await expect(page.locator('#loop-diagram svg g.node')).toHaveCount(11);
      await expect(page.locator('#loop-diagram svg g.edge')).toHaveCount(14);
      await expect(page.locator('#loop-diagram svg g.node[data-figures]:not([data-figures="0"])')).not.toHaveCount(0);

      // rebound with an elasticity above 1: usage grows faster than the saving, so it backfires
      await page.getByLabel('as an elasticity').check();
      await page.getByLabel('Elasticity of use to cost per use').fill('1.5');
      await page.getByLabel('Elasticity of use to cost per use').press('Enter');
      await page.getByLabel('Elasticity of use to cost per use').blur();
      await expect(page.locator('#rebound-result .verdict')).toContainText('backfire');
      const rebound = Number(/rebound (-?\d+) %/.exec(await page.locator('#rebound-result .verdict').innerText())?.[1]);
      expect(rebound).toBeGreaterThan(100);

      // editing a sourced default marks it as the person's assumption and redraws
      const before = await page.locator('#edge-cloud-result .verdict').innerText();
      await page.getByRole('group', { name: /Device embodied carbon/ }).getByLabel('value').fill('500');
      await page.getByRole('group', { name: /Device embodied carbon/ }).getByLabel('high').fill('600');
      await page.getByRole('group', { name: /Device embodied carbon/ }).getByLabel('high').blur();
      await expect(page.locator('#ec-embodied-origin')).toContainText('Edited by you');
      await expect(page.locator('#edge-cloud-result .verdict')).not.toHaveText(before);

      if (vp.viewport.width <= 400) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vp.viewport.width);
      }
      await page.locator('#pwa-status .pwa-dismiss').click().catch(() => undefined);
      for (const panel of ['panel-compute', 'panel-edge-cloud', 'panel-loop']) {
        const shot = testInfo.outputPath(`${panel}-${vp.name}.png`);
        await page.locator(`#${panel}`).screenshot({ path: shot });
        await testInfo.attach(`${panel} (${vp.name})`, { path: shot, contentType: 'image/png' });
      }
      const full = testInfo.outputPath(`trade-offs-${vp.name}.png`);
      await page.screenshot({ path: full, fullPage: true });
      await testInfo.attach(`trade-offs full page (${vp.name})`, { path: full, contentType: 'image/png' });
    });

    test('keyboard: every trade-off input has a label and is reachable with Tab', async ({ page }) => {
      await openApp(page);
      await runPlan(page, { cells: [CELLS[0], CELLS[1]], protocol: QUICK_PROTOCOL });
      await page.getByRole('link', { name: 'Trade-offs' }).click();
      await expect(page.locator('#trade-offs-body')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      const unlabeled = await page.evaluate(() =>
        [...document.querySelectorAll('#trade-offs-body input, #trade-offs-body select')]
          .filter((i) => !(i as HTMLInputElement).labels?.length && !i.getAttribute('aria-label'))
          .map((i) => i.id || i.outerHTML.slice(0, 80)),
      );
      expect(unlabeled).toEqual([]);
      await page.locator('#rebound-baseline').focus();
      await page.keyboard.press('Tab');
      await expect(page.locator('#rebound-efficient')).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(page.locator('#rebound-uses')).toBeFocused();
    });
  });
}

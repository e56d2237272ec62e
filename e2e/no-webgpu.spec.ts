import { expect, test } from '@playwright/test';
import { findChromium, QUIET_ARGS } from '../src/cli/find-chromium';
import { openApp, QUICK_PROTOCOL, runPlan } from './helpers';

// Same browser, launched WITHOUT --enable-unsafe-webgpu: WebGPU must be reported as skipped,
// never run on another backend under a WebGPU label.
test.use({ launchOptions: { executablePath: findChromium() ?? undefined, args: QUIET_ARGS } });

test('asking for WebGPU where it is unavailable is skipped with a reason, not silently run elsewhere', async ({ page }) => {
  await openApp(page);
  const { results, environment } = await runPlan(page, {
    cells: [
      { modelId: 'mlp-s', variant: 'fp32', runtime: 'ort', backend: 'webgpu' },
      { modelId: 'mlp-s', variant: 'fp32', runtime: 'tfjs', backend: 'webgpu' },
      { modelId: 'mlp-s', variant: 'fp32', runtime: 'ort', backend: 'wasm' },
    ],
    protocol: QUICK_PROTOCOL,
  });
  expect(environment.gpu.available).toBe(false);
  const [ortGpu, tfjsGpu, ortWasm] = results;
  for (const r of [ortGpu!, tfjsGpu!]) {
    expect(r.state, JSON.stringify(r)).toBe('skipped');
    if (r.state === 'skipped') {
      expect(r.reason).toMatch(/WebGPU|webgpu/);
      expect(r.hint).toMatch(/enable-unsafe-webgpu|WebGPU/);
    }
  }
  expect(ortWasm!.state).toBe('completed');
  await expect(page.locator('tr[data-cell="mlp-s/ort/webgpu"]')).toContainText('skipped');
});

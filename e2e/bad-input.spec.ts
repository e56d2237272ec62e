import { expect, test } from '@playwright/test';
import { openApp, QUICK_PROTOCOL, runPlan } from './helpers';

const MLP_INPUTS = [{ name: 'input', shape: [1, 256], dtype: 'float32' as const, range: [-1, 1] as [number, number] }];
const MLP_OUTPUTS = [{ name: 'logits', shape: [1, 10], dtype: 'float32' as const }];

function randomBase64(bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) s += String.fromCharCode((i * 2654435761) >>> 24);
  return Buffer.from(s, 'binary').toString('base64');
}

test('a corrupt model gives an errored record that says what to do, and the next cell still completes', async ({ page }) => {
  await openApp(page);
  const { results } = await runPlan(page, {
    customModels: [{ id: 'corrupt', name: 'corrupt.onnx', inputs: MLP_INPUTS, outputs: MLP_OUTPUTS, onnxBase64: randomBase64(4096) }],
    cells: [
      { modelId: 'corrupt', variant: 'fp32', runtime: 'ort', backend: 'wasm' },
      { modelId: 'mlp-s', variant: 'fp32', runtime: 'ort', backend: 'wasm' },
    ],
    protocol: QUICK_PROTOCOL,
  });
  expect(results.map((r) => r.state)).toEqual(['errored', 'completed']);
  const bad = results[0]!;
  if (bad.state !== 'errored') throw new Error('unreachable');
  expect(bad.error.message).toMatch(/could not (read|create)/i);
  expect(bad.error.hint).toBeTruthy();
  // the user sees it in the table, with the message
  await expect(page.locator('tr[data-cell="corrupt/ort/wasm"]')).toContainText('errored');
});

test('a model whose input shape does not fit is an errored record, not a crash', async ({ page }) => {
  await openApp(page);
  const manifest = await (await page.request.get('/models/manifest.json')).json();
  const mlp = manifest.models.find((m: { id: string }) => m.id === 'mlp-s');
  const onnx = await (await page.request.get(`/models/${mlp.files.onnx}`)).body();
  const { results } = await runPlan(page, {
    customModels: [{ id: 'wrong-shape', name: 'mlp-s with a 3×3 input', inputs: [{ ...MLP_INPUTS[0]!, shape: [3, 3] }], outputs: MLP_OUTPUTS, onnxBase64: onnx.toString('base64') }],
    cells: [{ modelId: 'wrong-shape', variant: 'fp32', runtime: 'ort', backend: 'wasm' }],
    protocol: QUICK_PROTOCOL,
  });
  expect(results[0]!.state).toBe('errored');
});

test.describe('worker crash', () => {
  // the service worker would serve the worker script from its cache, out of the route's sight
  test.use({ serviceWorkers: 'block' });

  test('a worker that crashes fails its cell with a clear message, is replaced, and the run goes on', async ({ page }) => {
    await openApp(page);
    // Workers start one at a time: the 1st describes the device, the 2nd computes the fp32
    // reference, the 3rd runs the first cell. That one is replaced by a script that dies as soon
    // as it gets its job; every other worker is the real one.
    let served = 0;
    await page.route(/measure-worker-[^/]*\.js$/, async (route) => {
      served += 1;
      if (served !== 3) return route.continue();
      await route.fulfill({
        contentType: 'text/javascript',
        headers: { 'Cross-Origin-Resource-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' },
        body: "self.postMessage({ type: 'edgewatt-worker-ready' }); self.onmessage = () => { throw new Error('simulated worker crash'); };",
      });
    });
    const { results } = await runPlan(page, {
      cells: [
        { modelId: 'mlp-s', variant: 'fp32', runtime: 'tfjs', backend: 'cpu' },
        { modelId: 'mlp-s', variant: 'fp32', runtime: 'tfjs', backend: 'wasm' },
      ],
      protocol: QUICK_PROTOCOL,
    });
    expect(served).toBeGreaterThanOrEqual(4);
    const [crashed, next] = results;
    expect(crashed!.state).toBe('errored');
    if (crashed!.state === 'errored') {
      expect(crashed!.error.message).toMatch(/worker crashed/i);
      expect(crashed!.error.hint).toMatch(/fresh worker/i);
    }
    expect(next!.state).toBe('completed');
    await expect(page.locator('tr[data-cell="mlp-s/tfjs/cpu"]')).toContainText('worker crashed');
  });
});

import { expect, test } from '@playwright/test';
import { loadSuite } from '../src/bench/load-suite';
import { planSuite } from '../src/bench/plan-suite';
import { BACKENDS_BY_RUNTIME } from '../src/core/cell';
import type { CompletedResult } from '../src/core/result-schema';
import { resultRecordSchema } from '../src/core/result-schema';
import { openApp, QUICK_PROTOCOL, runPlan } from './helpers';

/**
 * The shared suite every runtime adapter passes, on every backend it offers, on both generated
 * models: a real run in Debian's Chromium (WebGPU on SwiftShader here), honest backend labels,
 * ≥ 50 kept samples, self-consistent statistics and outputs that match the fp32 WASM reference.
 */
test('the smoke suite runs every runtime × backend with correct outputs and honest labels', async ({ page }) => {
  await openApp(page);
  const suite = planSuite(loadSuite('smoke').suite);
  const plan = { cells: suite.cells.map((c) => c.cell), protocol: suite.protocol };
  // the suite covers every backend each runtime offers, so every adapter is exercised
  for (const [runtime, backends] of Object.entries(BACKENDS_BY_RUNTIME))
    for (const backend of backends) expect(plan.cells.some((c) => c.runtime === runtime && c.backend === backend), `${runtime}/${backend}`).toBe(true);
  const { environment, results } = await runPlan(page, plan);
  expect(environment.crossOriginIsolated).toBe(true);
  expect(environment.gpu.available).toBe(true);
  expect(results).toHaveLength(plan.cells.length);

  for (const r of results) {
    const label = `${r.cell.modelId} ${r.cell.runtime}/${r.cell.backend}`;
    expect(resultRecordSchema.safeParse(r).success, label).toBe(true);
    expect(r.state, `${label}: ${JSON.stringify(r.state === 'completed' ? '' : r)}`).toBe('completed');
    const c = r as CompletedResult;
    expect(c.effectiveBackend, label).toBe(c.cell.backend);
    const { samplesMs, stats } = c.phases.steady;
    expect(samplesMs.length, label).toBeGreaterThanOrEqual(50);
    expect(stats.n, label).toBe(samplesMs.length);
    const sorted = [...samplesMs].sort((a, b) => a - b);
    expect(stats.minMs, label).toBe(sorted[0]);
    expect(stats.p10Ms).toBeLessThanOrEqual(stats.medianMs);
    expect(stats.medianMs).toBeLessThanOrEqual(stats.p90Ms);
    expect(stats.ciLowMs).toBeLessThanOrEqual(stats.medianMs);
    expect(stats.ciHighMs).toBeGreaterThanOrEqual(stats.medianMs);
    expect(c.phases.loadMs, label).toBeGreaterThan(0);
    expect(c.phases.warmup.runs, label).toBeGreaterThanOrEqual(3);
    expect(c.fidelity.state, label).toBe('compared');
    if (c.fidelity.state === 'compared') {
      expect(c.fidelity.pass, `${label} max rel err ${c.fidelity.maxRelError}`).toBe(true);
      expect(c.fidelity.cosineSimilarity, label).toBeGreaterThan(0.9999);
    }
  }
  expect(environment.runtimeVersions['onnxruntime-web']).toMatch(/^1\.30\./);
  expect(environment.runtimeVersions['tensorflow.js']).toMatch(/^4\.22\./);
});

/**
 * A real TF.js graph model (Human's emotion classifier, from @vladmandic/human) and two of its
 * weight-storage variants: loaded as a GraphModel, fed and read by tensor name, judged against
 * fp32 on TF.js's cpu backend (it has no ONNX form), and an ONNX cell said to be impossible.
 */
test('a TF.js graph model and its weight-quantised variants run, judged against TF.js cpu', async ({ page }) => {
  await openApp(page);
  const cell = (variant: string, runtime: 'tfjs' | 'ort', backend: 'wasm' | 'webgpu') => ({ modelId: 'human-emotion', variant, runtime, backend });
  const cells = [cell('fp32', 'tfjs', 'wasm'), cell('wq-uint8', 'tfjs', 'wasm'), cell('wq-float16', 'tfjs', 'webgpu'), cell('fp32', 'ort', 'wasm')];
  const { results } = await runPlan(page, { cells, protocol: QUICK_PROTOCOL });
  expect(results.map((r) => r.state)).toEqual(['completed', 'completed', 'completed', 'skipped']);
  for (const r of results.slice(0, 3)) {
    const c = r as CompletedResult;
    const label = `${c.cell.variant} ${c.cell.backend}`;
    expect(c.effectiveBackend, label).toBe(c.cell.backend);
    expect(c.fidelity.state, label).toBe('compared');
    if (c.fidelity.state !== 'compared') continue;
    expect(c.fidelity.reference, label).toEqual({ runtime: 'tfjs', backend: 'cpu', variant: 'fp32' });
    expect(c.fidelity.pass, `${label}: max rel err ${c.fidelity.maxRelError}, cosine ${c.fidelity.cosineSimilarity}`).toBe(true);
  }
  // uint8 storage moves the outputs a little; the fp32 model on wasm matches the cpu reference closely
  const [fp32, uint8] = results as CompletedResult[];
  if (fp32!.fidelity.state === 'compared' && uint8!.fidelity.state === 'compared') expect(uint8!.fidelity.maxRelError).toBeGreaterThan(fp32!.fidelity.maxRelError);
  const ort = results[3]!;
  expect(ort.state === 'skipped' && ort.reason).toMatch(/no ONNX version/);
});

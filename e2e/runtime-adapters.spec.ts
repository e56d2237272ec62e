import { expect, test } from '@playwright/test';
import { loadSuite } from '../src/bench/load-suite';
import { planSuite } from '../src/run/plan-suite';
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

/**
 * A pruned variant's drift from fp32 is not judged, but two backends running the same pruned file
 * must agree. onnxruntime-web 1.30's WebGPU Conv (NHWC vec4 path taken when in_channels % 3 == 0,
 * in_channels % 4 != 0 and out_channels % 4 == 0) reads input channels 3–5 as 0–2; cnn-s's
 * prune-struct-25 has a 3×3 Conv with 6 → 12 channels, so WebGPU computes it wrongly here.
 */
test('a pruned variant is checked against itself on ORT WASM, and a backend that computes it wrongly fails', async ({ page }) => {
  await openApp(page);
  const cell = (variant: string, backend: 'wasm' | 'webgpu') => ({ modelId: 'cnn-s', variant, runtime: 'ort' as const, backend });
  const { environment, results } = await runPlan(page, { cells: [cell('prune-struct-25', 'wasm'), cell('prune-struct-25', 'webgpu'), cell('prune-struct-50', 'webgpu')], protocol: QUICK_PROTOCOL });
  const [wasm, gpu25, gpu50] = results as CompletedResult[];
  for (const r of results) expect(r.state, JSON.stringify(r)).toBe('completed');
  expect(wasm!.backendAgreement).toEqual({ state: 'not-compared', reason: 'this cell is the reference (ort/wasm)' });
  for (const r of [gpu25!, gpu50!]) {
    const a = r.backendAgreement;
    const f = r.fidelity;
    expect(a?.state, r.cell.variant).toBe('compared');
    if (a?.state !== 'compared' || f.state !== 'compared') continue;
    expect(f.judged).toBe(false);
    expect(a.reference).toEqual({ runtime: 'ort', backend: 'wasm', variant: r.cell.variant });
    expect(a.tolerance).toEqual({ maxRelError: 1e-3, minCosine: 0.9999 });
    expect(r.warnings.some((w) => w.startsWith('Backends disagree')), r.cell.variant).toBe(!a.pass);
  }
  const a25 = gpu25!.backendAgreement;
  const [f25wasm, f25gpu] = [wasm!.fidelity, gpu25!.fidelity];
  if (a25?.state === 'compared' && f25wasm.state === 'compared' && f25gpu.state === 'compared') {
    // agreement between backends means the same drift from fp32 on both
    expect(a25.pass).toBe(Math.abs(f25wasm.cosineSimilarity - f25gpu.cosineSimilarity) < 1e-4);
    // the known 1.30 bug (see above): when an upgrade fixes it, this line fails and can go
    if (/^1\.30\./.test(environment.runtimeVersions['onnxruntime-web'] ?? '')) expect(a25.pass, `cosine ${a25.cosineSimilarity}`).toBe(false);
  }
  expect(gpu50!.backendAgreement?.state === 'compared' && gpu50!.backendAgreement.pass).toBe(true);
});

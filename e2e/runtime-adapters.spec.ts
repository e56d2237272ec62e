import { expect, test } from '@playwright/test';
import { BACKENDS_BY_RUNTIME, type Backend, type RuntimeName } from '../src/core/cell';
import type { CompletedResult } from '../src/core/result-schema';
import { resultRecordSchema } from '../src/core/result-schema';
import { openApp, QUICK_PROTOCOL, runPlan } from './helpers';

/**
 * The shared suite every runtime adapter passes, on every backend it offers, on both generated
 * models: a real run in Debian's Chromium (WebGPU on SwiftShader here), honest backend labels,
 * ≥ 50 kept samples, self-consistent statistics and outputs that match the fp32 WASM reference.
 */
const cells = (['ort', 'tfjs'] as RuntimeName[]).flatMap((runtime) =>
  BACKENDS_BY_RUNTIME[runtime].map((backend: Backend) => ({ runtime, backend })),
);

test('every runtime × backend runs the smoke models with correct outputs and honest labels', async ({ page }) => {
  await openApp(page);
  const plan = {
    cells: ['mlp-s', 'cnn-s'].flatMap((modelId) => cells.map((c) => ({ modelId, variant: 'fp32', ...c }))),
    protocol: QUICK_PROTOCOL,
  };
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
  // the runtime versions reported are the ones bundled
  expect(Object.keys(environment.runtimeVersions).length).toBeGreaterThanOrEqual(0);
});

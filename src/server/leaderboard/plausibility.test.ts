import { describe, expect, it } from 'vitest';
import { extractEstimatedMetrics } from './metric-keys.js';
import { quarantineReasons } from './plausibility.js';
import { makeCompletedResult, makeDevice } from './test-fixtures.js';

function reasonsFor(o: Parameters<typeof makeCompletedResult>[0], device = makeDevice(), flops: number | null = null) {
  const result = makeCompletedResult(o);
  return quarantineReasons({ result, device, metrics: extractEstimatedMetrics(result).values, flopsPerInference: flops });
}

describe('quarantineReasons', () => {
  it('ranks a phone drawing 3 W', () => {
    expect(reasonsFor({ powerW: 3 })).toEqual([]);
  });

  it('quarantines power outside the device class range, computed as energy ÷ latency', () => {
    // 0.6 J in 10 ms = 60 W: above the phone bound (45 W), inside the laptop bound (450 W)
    expect(reasonsFor({ medianMs: 10, powerW: 60 })).toEqual([expect.stringMatching(/means 60 W, outside 0.001–45 W for a phone/)]);
    expect(reasonsFor({ medianMs: 10, powerW: 60 }, makeDevice({ class: 'laptop', model: null }))).toEqual([]);
    // 1e-6 J in 10 ms = 0.1 mW: below any active part
    expect(reasonsFor({ medianMs: 10, powerW: 1e-4 })[0]).toMatch(/outside/);
  });

  it('quarantines carbon implying an impossible grid intensity, and SCI below its operational part', () => {
    // 0.036 J = 1e-8 kWh; 1e-4 g for it would mean 10 000 gCO2e/kWh
    expect(reasonsFor({ gridGPerKWh: 10_000 }).join()).toMatch(/gCO2e\/kWh/);
    expect(reasonsFor({ gridGPerKWh: 500 })).toEqual([]);
    const result = makeCompletedResult({});
    result.estimates!.sciWallClockG!.value = result.estimates!.carbonOperationalG!.value / 2;
    const r = quarantineReasons({ result, device: makeDevice(), metrics: extractEstimatedMetrics(result).values, flopsPerInference: null });
    expect(r.join()).toMatch(/SCI .* is below the operational carbon/);
  });

  it('applies the compute bound for the backend that ran: CPU cores × 256 GFLOP/s, or the class GPU peak', () => {
    // 8 cores × 256 GFLOP/s = 2.048 TFLOP/s; 1e10 FLOPs need ≥ 4.9 ms
    expect(reasonsFor({ medianMs: 4 }, makeDevice(), 1e10).join()).toMatch(/compute bound 4.883 ms/);
    expect(reasonsFor({ medianMs: 5 }, makeDevice(), 1e10)).toEqual([]);
    // on a phone GPU (10 TFLOP/s) 1e10 FLOPs need ≥ 1 ms
    expect(reasonsFor({ medianMs: 2, backend: 'webgpu' }, makeDevice(), 1e10)).toEqual([]);
    expect(reasonsFor({ medianMs: 0.5, backend: 'webgpu' }, makeDevice(), 1e10)).toHaveLength(1);
  });

  it('keeps results whose outputs failed the fidelity check out of the ranking', () => {
    expect(reasonsFor({ fidelityPass: false })).toEqual([expect.stringMatching(/fidelity check failed/)]);
  });

  it('keeps a pruned variant whose backend disagrees with the reference backend out of the ranking', () => {
    const reasons = (pass: boolean) => {
      const result = makeCompletedResult({ backend: 'webgpu' });
      if (result.fidelity.state !== 'compared') throw new Error('fixture has no fidelity');
      const { judged: _judged, ...comparison } = result.fidelity;
      result.backendAgreement = { ...comparison, reference: { runtime: 'ort', backend: 'wasm', variant: 'prune-struct-25' }, cosineSimilarity: pass ? 1 : 0.79, pass };
      return quarantineReasons({ result, device: makeDevice(), metrics: extractEstimatedMetrics(result).values, flopsPerInference: null });
    };
    expect(reasons(true)).toEqual([]);
    expect(reasons(false)).toEqual([expect.stringMatching(/backend check failed: .* on ort\/wasm/)]);
  });

  it('checks only latency when no estimates are present yet', () => {
    expect(reasonsFor({ powerW: null })).toEqual([]);
  });
});

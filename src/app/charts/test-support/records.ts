import type { Estimate } from '../../../core/estimate.js';
import type { CompletedResult, ErroredResult } from '../../../core/result-schema.js';
import { computeLatencyStats } from '../../../core/compute-latency-stats.js';

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** A completed record whose latency statistics are computed from the given samples, as the worker does. */
export function completed(o: {
  modelId?: string;
  variant?: string;
  runtime?: 'ort' | 'tfjs';
  backend?: 'wasm' | 'webgpu' | 'webgl' | 'cpu';
  samplesMs?: number[];
  createdAt?: string;
  estimates?: Record<string, Estimate>;
}): CompletedResult {
  const samplesMs = o.samplesMs ?? [2, 2.1, 1.9, 2.05, 1.95];
  const backend = o.backend ?? 'wasm';
  return {
    schemaVersion: 1,
    id: uuid(),
    createdAt: o.createdAt ?? '2026-11-26T10:00:00.000Z',
    cell: { modelId: o.modelId ?? 'mlp-s', modelName: o.modelId ?? 'mlp-s', variant: o.variant ?? 'fp32', runtime: o.runtime ?? 'ort', backend },
    state: 'completed',
    effectiveBackend: backend,
    runtimeVersion: '1.30.0',
    threads: 1,
    phases: {
      fetchMs: 3,
      loadMs: 40,
      firstRunMs: 5,
      warmup: { runs: 3, samplesMs: [3, 2.5, 2.2], settled: true },
      steady: { samplesMs, runsPerSample: 1, wallMs: samplesMs.reduce((a, b) => a + b, 0), stats: computeLatencyStats(samplesMs) },
    },
    fidelity: { state: 'not-compared', reason: 'reference cell' },
    warnings: [],
    ...(o.estimates ? { estimates: o.estimates } : {}),
  };
}

export function errored(modelId = 'mlp-s'): ErroredResult {
  return {
    schemaVersion: 1,
    id: uuid(),
    createdAt: '2026-11-26T10:00:00.000Z',
    cell: { modelId, modelName: modelId, variant: 'fp32', runtime: 'ort', backend: 'webgpu' },
    state: 'errored',
    error: { name: 'Error', message: 'adapter lost' },
  };
}

export function energy(value: number, low = value * 0.5, high = value * 2): Estimate {
  return { value, low, high, unit: 'J', method: 'modelled', reasons: ['test figure'], sources: [] };
}

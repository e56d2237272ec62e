import { type CompletedResult, completedResultSchema } from '../../core/result-schema.js';

/** A schema-valid completed record: 50 samples of 1 run with a 20 ms median (CI 19-22 ms). */
export function completedResult(over: Partial<CompletedResult> = {}): CompletedResult {
  const samples = Array.from({ length: 50 }, (_, i) => 18 + (i % 5));
  return completedResultSchema.parse({
    schemaVersion: 1,
    id: '00000000-0000-4000-8000-000000000001',
    createdAt: '2026-01-01T00:00:00.000Z',
    cell: { modelId: 'mobilenet', variant: 'fp32', runtime: 'ort', backend: 'wasm', modelName: 'MobileNet' },
    state: 'completed',
    effectiveBackend: 'wasm',
    runtimeVersion: '1.30.0',
    threads: 1,
    phases: {
      fetchMs: null,
      loadMs: 500,
      firstRunMs: 40,
      warmup: { runs: 3, samplesMs: [25, 21, 20], settled: true },
      steady: {
        samplesMs: samples,
        runsPerSample: 1,
        wallMs: 1000,
        stats: { n: 50, medianMs: 20, p10Ms: 18, p90Ms: 22, p99Ms: 22, minMs: 18, maxMs: 22, madMs: 1, ciLowMs: 19, ciHighMs: 22, spread: 0.2, unstable: false },
      },
    },
    fidelity: { state: 'not-compared', reason: 'reference cell' },
    warnings: [],
    ...over,
  });
}

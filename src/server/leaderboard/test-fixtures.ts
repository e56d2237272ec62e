import { randomUUID } from 'node:crypto';
import { quantileSorted, medianAbsoluteDeviation } from 'simple-statistics';
import type { Backend, RuntimeName } from '../../core/cell.js';
import type { Estimate } from '../../core/estimate.js';
import { UNSTABLE_SPREAD, type LatencyStats } from '../../core/latency-stats.js';
import { RESULT_SCHEMA_VERSION, completedResultSchema, type CompletedResult } from '../../core/result-schema.js';
import { seededRandom } from '../../core/seeded-random.js';
import { METRIC_ESTIMATE_KEYS } from './metric-keys.js';
import {
  SUBMISSION_BUNDLE_VERSION,
  type DeviceDescriptor,
  type SubmissionBundle,
  type VariantFacts,
} from '../../core/submission-schema.js';

/** Test data shaped like what the app really sends. Used by tests and the load benchmark. */

export interface ResultFixtureOptions {
  seed?: number;
  id?: string;
  modelId?: string;
  modelName?: string;
  variant?: string;
  runtime?: RuntimeName;
  backend?: Backend;
  medianMs?: number;
  samples?: number;
  /** average attributable power during the inference; null: no energy/carbon/SCI estimates */
  powerW?: number | null;
  gridGPerKWh?: number;
  /** embodied share per inference, g */
  embodiedG?: number;
  fidelityPass?: boolean;
}

export function makeCompletedResult(o: ResultFixtureOptions = {}): CompletedResult {
  const rng = seededRandom(o.seed ?? 1);
  const medianMs = o.medianMs ?? 12;
  const n = o.samples ?? 60;
  // log-normal jitter of a few percent (what a steady warm loop looks like), rescaled so the
  // median is exactly `medianMs` and tests can state expected aggregates
  const raw = Array.from({ length: n }, () => Math.exp(0.04 * rng.normal()));
  const rawMedian = quantileSorted([...raw].sort((a, b) => a - b), 0.5);
  const samplesMs = raw.map((x) => (x / rawMedian) * medianMs);
  const stats = latencyStatsOf(samplesMs);
  const backend = o.backend ?? 'wasm';
  const runtime = o.runtime ?? 'ort';
  const result: CompletedResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    id: o.id ?? randomUUID(),
    createdAt: '2025-11-20T10:00:00.000Z',
    cell: { modelId: o.modelId ?? 'ppocr-cls', variant: o.variant ?? 'fp32', runtime, backend, modelName: o.modelName ?? 'PP-OCR mobile cls' },
    state: 'completed',
    effectiveBackend: backend,
    runtimeVersion: runtime === 'ort' ? '1.30.0' : '4.22.0',
    threads: 1,
    phases: {
      fetchMs: 41.2,
      loadMs: 640.5,
      firstRunMs: medianMs * 3.1,
      warmup: { runs: 5, samplesMs: [medianMs * 1.6, medianMs * 1.2, medianMs * 1.05, medianMs, medianMs], settled: true },
      steady: { samplesMs, runsPerSample: 1, wallMs: samplesMs.reduce((a, b) => a + b, 0), stats },
    },
    fidelity: {
      state: 'compared',
      reference: { runtime: 'ort', backend: 'wasm', variant: 'fp32' },
      inputs: 3,
      maxAbsError: 1.2e-6,
      maxRelError: 3.4e-6,
      cosineSimilarity: 1,
      top1Agreement: 1,
      tolerance: { maxRelError: 1e-3, minCosine: 0.999 },
      pass: o.fidelityPass ?? true,
    },
    warnings: [],
  };
  const powerW = o.powerW === undefined ? 3 : o.powerW;
  if (powerW !== null) result.estimates = estimatesFor(stats.medianMs, powerW, o.gridGPerKWh ?? 400, o.embodiedG ?? 2e-6);
  return completedResultSchema.parse(result);
}

function estimatesFor(medianMs: number, powerW: number, gridGPerKWh: number, embodiedG: number): Record<string, Estimate> {
  const energyJ = powerW * (medianMs / 1000);
  const carbonG = (energyJ / 3.6e6) * gridGPerKWh;
  const sciG = carbonG + embodiedG;
  const est = (value: number, unit: string): Estimate => ({
    value,
    low: value * 0.6,
    high: value * 1.5,
    unit,
    method: 'modelled',
    reasons: ['device-class power range (fixture)'],
    sources: [{ id: 'fixture' }],
  });
  return {
    [METRIC_ESTIMATE_KEYS.energy.key]: est(energyJ, METRIC_ESTIMATE_KEYS.energy.unit),
    [METRIC_ESTIMATE_KEYS.carbon.key]: est(carbonG, METRIC_ESTIMATE_KEYS.carbon.unit),
    [METRIC_ESTIMATE_KEYS.sci.key]: est(sciG, METRIC_ESTIMATE_KEYS.sci.unit),
  };
}

/** Summary statistics as DESIGN §3 defines them (the CI here is a fixed-width stand-in). */
export function latencyStatsOf(samplesMs: readonly number[]): LatencyStats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const q = (p: number) => quantileSorted(sorted, p);
  const medianMs = q(0.5);
  const spread = (q(0.9) - q(0.1)) / medianMs;
  return {
    n: sorted.length,
    medianMs,
    p10Ms: q(0.1),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
    minMs: sorted[0] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
    madMs: sorted.length > 0 ? medianAbsoluteDeviation(sorted) : 0,
    ciLowMs: q(0.45),
    ciHighMs: q(0.55),
    spread,
    unstable: spread > UNSTABLE_SPREAD,
  };
}

export function makeDevice(overrides: Partial<DeviceDescriptor> = {}): DeviceDescriptor {
  return {
    class: 'phone',
    platform: 'Android',
    model: 'Pixel 7',
    gpu: { vendor: 'arm', architecture: 'valhall' },
    cores: 8,
    memoryGiB: 8,
    ...overrides,
  };
}

export interface BundleFixtureOptions {
  submissionId?: string;
  device?: DeviceDescriptor;
  results?: CompletedResult[];
  variantFacts?: VariantFacts[];
}

export function makeBundle(o: BundleFixtureOptions = {}): SubmissionBundle {
  return {
    bundleVersion: SUBMISSION_BUNDLE_VERSION,
    submissionId: o.submissionId ?? randomUUID(),
    tool: { name: 'edgewatt', version: '0.1.0' },
    device: o.device ?? makeDevice(),
    results: o.results ?? [makeCompletedResult()],
    variantFacts: o.variantFacts ?? [],
  };
}

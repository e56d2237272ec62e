import type { CompletedResult } from '../../core/result-schema.js';
import type { EstimateMethod } from '../../core/estimate.js';

/** The figures the leaderboard ranks by. Latency is measured; the rest are estimates (issue 4). */
export const LEADERBOARD_METRICS = ['latency', 'energy', 'carbon', 'sci'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];
export type EstimatedMetric = Exclude<LeaderboardMetric, 'latency'>;
export const ESTIMATED_METRICS: readonly EstimatedMetric[] = ['energy', 'carbon', 'sci'];

/**
 * Where each estimated metric lives in a record's `estimates` map and the one unit accepted.
 * An estimate under the right key with another unit is refused (422, see submission-checks.ts)
 * rather than converted by guesswork. The keys are the estimation stage's (src/estimates/
 * estimate-cell.ts ESTIMATE_KEYS); the app checks they stay in step (metric-keys.test.ts).
 */
export const METRIC_ESTIMATE_KEYS: Readonly<Record<EstimatedMetric, { key: string; unit: string; label: string }>> = {
  /** attributable energy per inference (above idle), the headline of DESIGN §4 */
  energy: { key: 'energyAttributableJ', unit: 'J', label: 'energy per inference (J, attributable)' },
  /** operational carbon per inference at the submitter's chosen grid intensity */
  carbon: { key: 'carbonOperationalG', unit: 'gCO2e', label: 'operational carbon per inference (gCO2e, attributable energy)' },
  /** SCI per inference: (E·I + M) / inference, embodied share over the device's wall-clock life */
  sci: { key: 'sciWallClockG', unit: 'gCO2e', label: 'SCI per inference (gCO2e, wall-clock embodied)' },
};

export const METRIC_UNITS: Readonly<Record<LeaderboardMetric, string>> = {
  latency: 'ms',
  energy: 'J',
  carbon: 'gCO2e',
  sci: 'gCO2e',
};

export interface MetricValue {
  value: number;
  low: number;
  high: number;
  method: EstimateMethod;
}

export interface ExtractedMetrics {
  values: Partial<Record<EstimatedMetric, MetricValue>>;
  /** why an estimate that was present was not used */
  notes: string[];
}

export function extractEstimatedMetrics(result: CompletedResult): ExtractedMetrics {
  const values: Partial<Record<EstimatedMetric, MetricValue>> = {};
  const notes: string[] = [];
  for (const metric of ESTIMATED_METRICS) {
    const { key, unit } = METRIC_ESTIMATE_KEYS[metric];
    const e = result.estimates?.[key];
    if (!e) continue;
    if (e.unit !== unit) {
      notes.push(`estimate "${key}" ignored: unit "${e.unit}" is not "${unit}"`);
      continue;
    }
    values[metric] = { value: e.value, low: e.low, high: e.high, method: e.method };
  }
  return { values, notes };
}

import { quantileSorted } from 'simple-statistics';
import type { EstimateMethod } from '../../core/estimate.js';
import { METRIC_COLUMNS } from './migrations.js';
import type { MetricAggregate } from './result-store.js';

/** One ranked result row as read back for aggregation (column names as stored). */
export interface GroupResultRow {
  submission_id: string;
  latency_median_ms: number;
  [column: string]: unknown;
}

export type MetricColumn = (typeof METRIC_COLUMNS)[number];

export interface GroupAggregate {
  n: number;
  latency: MetricAggregate | null;
  metrics: Record<MetricColumn, MetricAggregate | null>;
}

/**
 * Median of per-submission medians, with the interquartile range (type-7 quantiles). A submission
 * that holds several records of one cell counts once, at the median of its records, so nobody
 * gains weight by repeating a cell inside one upload.
 */
export function aggregateGroup(rows: readonly GroupResultRow[]): GroupAggregate {
  const bySubmission = new Map<string, GroupResultRow[]>();
  for (const r of rows) {
    const list = bySubmission.get(r.submission_id);
    if (list) list.push(r);
    else bySubmission.set(r.submission_id, [r]);
  }
  const submissions = [...bySubmission.values()];
  const latency = spread(
    submissions.map((records) => medianOf(records.map((r) => Number(r.latency_median_ms)))),
    null,
    null,
    [],
  );
  const metrics = {} as Record<MetricColumn, MetricAggregate | null>;
  for (const m of METRIC_COLUMNS) metrics[m] = aggregateMetric(submissions, m);
  return { n: submissions.length, latency, metrics };
}

function aggregateMetric(submissions: readonly GroupResultRow[][], m: MetricColumn): MetricAggregate | null {
  const values: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  const methods = new Set<EstimateMethod>();
  for (const records of submissions) {
    const withMetric = records.filter((r) => typeof r[`${m}_value`] === 'number');
    if (withMetric.length === 0) continue;
    values.push(medianOf(withMetric.map((r) => r[`${m}_value`] as number)));
    lows.push(medianOf(withMetric.map((r) => r[`${m}_low`] as number)));
    highs.push(medianOf(withMetric.map((r) => r[`${m}_high`] as number)));
    for (const r of withMetric) methods.add(r[`${m}_method`] as EstimateMethod);
  }
  if (values.length === 0) return null;
  return spread(values, medianOf(lows), medianOf(highs), [...methods].sort());
}

function spread(values: number[], low: number | null, high: number | null, methods: EstimateMethod[]): MetricAggregate | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantileSorted(sorted, 0.5),
    p25: quantileSorted(sorted, 0.25),
    p75: quantileSorted(sorted, 0.75),
    low,
    high,
    methods,
  };
}

function medianOf(values: readonly number[]): number {
  return quantileSorted([...values].sort((a, b) => a - b), 0.5);
}

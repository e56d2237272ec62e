import { median } from 'simple-statistics';
import type { EstimateKey } from '../../estimates/estimate-cell.js';
import type { CompletedResult } from '../../core/result-schema.js';
import type { AggregateRowView, SortMetric } from './leaderboard-client.js';

/**
 * "Where does my device stand": this browser's own results placed among the public rows of the
 * same model, variant, runtime and (effective) backend. Own figures are pooled the way the
 * server pools a device: the median of the per-result medians.
 */

/** The estimate each ranked figure is read from; the server reads the same keys (metric-keys.ts). */
export const METRIC_ESTIMATE_KEY: Readonly<Record<Exclude<SortMetric, 'latency'>, EstimateKey>> = {
  energy: 'energyAttributableJ',
  carbon: 'carbonOperationalG',
  sci: 'sciWallClockG',
};

const ROW_FIELD = { latency: 'latencyMs', energy: 'energyJ', carbon: 'carbonGCO2e', sci: 'sciGCO2e' } as const satisfies Record<SortMetric, keyof AggregateRowView>;

export interface OwnFigure {
  value: number;
  /** own results behind the value */
  n: number;
  /** 'measured' for latency; the estimates' method(s) otherwise */
  methods: string[];
}

export interface Standing {
  modelId: string;
  variant: string;
  runtime: string;
  backend: string;
  mine: OwnFigure | null;
  /** public rows of the same cell that have this figure */
  publicRows: number;
  /** public rows with a higher (worse) median than this device */
  beats: number;
  /** public rows with a lower (better) median */
  beatenBy: number;
  best: number | null;
  worst: number | null;
}

export function ownValue(r: CompletedResult, metric: SortMetric): { value: number; method: string } | null {
  if (metric === 'latency') return { value: r.phases.steady.stats.medianMs, method: 'measured' };
  const e = r.estimates?.[METRIC_ESTIMATE_KEY[metric]];
  return e && Number.isFinite(e.value) ? { value: e.value, method: e.method } : null;
}

const keyOf = (c: { modelId: string; variant: string; runtime: string; backend: string }) => `${c.modelId}\u0000${c.variant}\u0000${c.runtime}\u0000${c.backend}`;

export function deviceStanding(own: readonly CompletedResult[], rows: readonly AggregateRowView[], metric: SortMetric): Standing[] {
  const groups = new Map<string, CompletedResult[]>();
  for (const r of own) {
    const k = keyOf({ ...r.cell, backend: r.effectiveBackend });
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: Standing[] = [];
  for (const [k, records] of groups) {
    const first = records[0]!;
    const values = records.map((r) => ownValue(r, metric)).filter((v): v is { value: number; method: string } => v !== null);
    const mine: OwnFigure | null = values.length
      ? { value: median(values.map((v) => v.value)), n: values.length, methods: [...new Set(values.map((v) => v.method))] }
      : null;
    const publicMedians = rows
      .filter((row) => keyOf(row) === k)
      .map((row) => row[ROW_FIELD[metric]]?.median)
      .filter((v): v is number => v !== undefined && Number.isFinite(v));
    out.push({
      modelId: first.cell.modelId,
      variant: first.cell.variant,
      runtime: first.cell.runtime,
      backend: first.effectiveBackend,
      mine,
      publicRows: publicMedians.length,
      beats: mine ? publicMedians.filter((v) => v > mine.value).length : 0,
      beatenBy: mine ? publicMedians.filter((v) => v < mine.value).length : 0,
      best: publicMedians.length ? Math.min(...publicMedians) : null,
      worst: publicMedians.length ? Math.max(...publicMedians) : null,
    });
  }
  // cells with public company first: those are the ones a person can compare
  return out.sort((a, b) => b.publicRows - a.publicRows || keyOf(a).localeCompare(keyOf(b)));
}

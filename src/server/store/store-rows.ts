import type { EstimateMethod } from '../../core/estimate.js';
import type { DeviceClass } from '../../core/submission-schema.js';
import type { EstimatedMetric } from '../leaderboard/metric-keys.js';
import { METRIC_COLUMNS } from './migrations.js';
import type { SqlRow, SqlValue } from './sql-driver.js';
import type { AggregateRow, AggregateScope, DeviceRecord, MetricAggregate, StoredResult } from './result-store.js';

/** Conversions between the store's types and table rows, in one place for both dialects. */

export const DEVICE_COLUMNS = 'id, class, platform, model, gpu_vendor, gpu_architecture, cores, memory_gib, label';

export function deviceParams(d: DeviceRecord): SqlValue[] {
  return [d.id, d.class, d.platform, d.model, d.gpuVendor, d.gpuArchitecture, d.cores, d.memoryGiB, d.label];
}

export function deviceFromRow(r: SqlRow): DeviceRecord {
  return {
    id: String(r.id),
    class: String(r.class) as DeviceClass,
    platform: String(r.platform),
    model: nullableString(r.model),
    gpuVendor: nullableString(r.gpu_vendor),
    gpuArchitecture: nullableString(r.gpu_architecture),
    cores: Number(r.cores),
    memoryGiB: nullableNumber(r.memory_gib),
    label: String(r.label),
  };
}

const METRIC_RESULT_COLUMNS = METRIC_COLUMNS.flatMap((m) => [`${m}_value`, `${m}_low`, `${m}_high`, `${m}_method`]);

export const RESULT_COLUMNS = [
  'record_id',
  'submission_id',
  'device_id',
  'device_class',
  'model_id',
  'variant',
  'runtime',
  'backend',
  'requested_backend',
  'latency_median_ms',
  'samples',
  ...METRIC_RESULT_COLUMNS,
  'quarantined',
  'quarantine_reasons',
  'network_key',
].join(', ');

export const RESULT_PLACEHOLDERS = RESULT_COLUMNS.split(', ')
  .map(() => '?')
  .join(', ');

export function resultParams(submissionId: string, networkKey: string, device: DeviceRecord, r: StoredResult): SqlValue[] {
  const metricValues = METRIC_COLUMNS.flatMap((m) => {
    const v = r.metrics[m as EstimatedMetric];
    return v ? [v.value, v.low, v.high, v.method] : [null, null, null, null];
  });
  return [
    r.recordId,
    submissionId,
    device.id,
    device.class,
    r.modelId,
    r.variant,
    r.runtime,
    r.backend,
    r.requestedBackend,
    r.latencyMedianMs,
    r.samples,
    ...metricValues,
    r.quarantineReasons.length > 0 ? 1 : 0,
    JSON.stringify(r.quarantineReasons),
    networkKey,
  ];
}

export function resultFromRow(r: SqlRow): StoredResult {
  const metrics: StoredResult['metrics'] = {};
  for (const m of METRIC_COLUMNS) {
    const value = nullableNumber(r[`${m}_value`]);
    if (value === null) continue;
    metrics[m] = {
      value,
      low: Number(r[`${m}_low`]),
      high: Number(r[`${m}_high`]),
      method: String(r[`${m}_method`]) as EstimateMethod,
    };
  }
  return {
    recordId: String(r.record_id),
    modelId: String(r.model_id),
    variant: String(r.variant),
    runtime: String(r.runtime),
    backend: String(r.backend),
    requestedBackend: String(r.requested_backend),
    latencyMedianMs: Number(r.latency_median_ms),
    samples: Number(r.samples),
    metrics,
    quarantineReasons: JSON.parse(String(r.quarantine_reasons)) as string[],
  };
}

/** One metric's aggregate columns (`energy_n`, `energy_median`, …); null where no submission had it. */
function metricFromRow(r: SqlRow, m: string): MetricAggregate | null {
  const n = Number(r[`${m}_n`]);
  const median = nullableNumber(r[`${m}_median`]);
  if (!n || median === null) return null;
  const methods = nullableString(r[`${m}_methods`]);
  return {
    n,
    median,
    p25: Number(r[`${m}_p25`]),
    p75: Number(r[`${m}_p75`]),
    low: nullableNumber(r[`${m}_low`]),
    high: nullableNumber(r[`${m}_high`]),
    methods: methods ? (methods.split(',') as EstimateMethod[]) : [],
  };
}

// a module-level helper, not a closure per row: 100 rows per page made the closures (and the
// name-keeping wrapper tsx adds to each) a visible share of a query's profile
export function aggregateFromRow(r: SqlRow, provisional: boolean): AggregateRow {
  const scope = String(r.scope) as AggregateScope;
  const n = Number(r.n);
  return {
    scope,
    modelId: String(r.model_id),
    variant: String(r.variant),
    runtime: String(r.runtime),
    backend: String(r.backend),
    deviceClass: String(r.device_class) as DeviceClass,
    deviceId: nullableString(r.device_id),
    deviceLabel: scope === 'class' ? String(r.device_class) : (nullableString(r.device_label) ?? String(r.device_id)),
    n,
    devices: Number(r.devices),
    networks: Number(r.networks),
    provisional,
    outlier: Number(r.outlier) === 1,
    latencyMs: {
      n,
      median: Number(r.latency_median),
      p25: Number(r.latency_p25),
      p75: Number(r.latency_p75),
      low: null,
      high: null,
      methods: ['measured'],
    },
    energyJ: metricFromRow(r, 'energy'),
    carbonGCO2e: metricFromRow(r, 'carbon'),
    sciGCO2e: metricFromRow(r, 'sci'),
  };
}

function nullableString(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function nullableNumber(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

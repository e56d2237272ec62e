import type { AggregateRow, MetricAggregate } from '../store/result-store.js';

const METRIC_FIELDS = ['median', 'p25', 'p75', 'low', 'high', 'n', 'methods'] as const;
const METRICS = [
  ['latency_ms', (r: AggregateRow) => r.latencyMs],
  ['energy_j', (r: AggregateRow) => r.energyJ],
  ['carbon_gco2e', (r: AggregateRow) => r.carbonGCO2e],
  ['sci_gco2e', (r: AggregateRow) => r.sciGCO2e],
] as const;

export const CSV_HEADER = [
  'scope',
  'model_id',
  'variant',
  'runtime',
  'backend',
  'device_class',
  'device_id',
  'device_label',
  'n',
  ...METRICS.flatMap(([name]) => METRIC_FIELDS.map((f) => `${name}_${f}`)),
];

/** RFC 4180 CSV. Text fields that a spreadsheet would run as a formula are defused with a quote. */
export function toCsv(rows: readonly AggregateRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    const cells: Array<string | number | null> = [
      r.scope,
      r.modelId,
      r.variant,
      r.runtime,
      r.backend,
      r.deviceClass,
      r.deviceId,
      r.deviceLabel,
      r.n,
      ...METRICS.flatMap(([, get]) => metricCells(get(r))),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function metricCells(m: MetricAggregate | null): Array<string | number | null> {
  if (!m) return METRIC_FIELDS.map(() => null);
  return [m.median, m.p25, m.p75, m.low, m.high, m.n, m.methods.join(' ')];
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const defused = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n']/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

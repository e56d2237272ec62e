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

/**
 * A formula trigger (= + - @, and their fullwidth forms, which some spreadsheets fold to ASCII)
 * at the start of the cell, after leading whitespace or line breaks, or after a separator a
 * spreadsheet might split the cell on (`a;=1+1` imported with `;` as the separator). A space
 * alone is no separator: `Galaxy S23 - Ultra` stays as it is.
 */
const FORMULA_AT = /(^\s*|[,;|\t\r\n\uFF0C\uFF1B]\s*)([=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/gu;

/** Each formula trigger gets an apostrophe before it, so every piece of the cell reads as text. */
export function defuseFormula(v: string): string {
  const defused = v.replace(FORMULA_AT, "$1'$2");
  // a cell that opens with a tab or a line break is how several injections start; mark it too
  return /^[\t\r\n]/.test(defused) ? `'${defused}` : defused;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const defused = defuseFormula(v);
  return /[",;\r\n'\t]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

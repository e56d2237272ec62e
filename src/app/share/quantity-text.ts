import { formatMs, formatNumber, siPrefix } from '../format.js';
import type { SortMetric } from './leaderboard-client.js';

/** Unit of each ranked figure as the API reports it. */
export const METRIC_UNIT: Readonly<Record<SortMetric, 'ms' | 'J' | 'gCO2e'>> = {
  latency: 'ms',
  energy: 'J',
  carbon: 'gCO2e',
  sci: 'gCO2e',
};

export const METRIC_LABEL: Readonly<Record<SortMetric, string>> = {
  latency: 'Latency per inference',
  energy: 'Energy per inference (attributable)',
  carbon: 'Operational carbon per inference',
  sci: 'SCI per inference (wall-clock embodied)',
};

/** Per-inference energies and carbon span many orders of magnitude: µJ and ng are easier to read than 1.2e-6. */
export function formatQuantity(value: number, unit: 'ms' | 'J' | 'gCO2e'): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'ms') return formatMs(value);
  const base = unit === 'J' ? 'J' : 'g';
  const suffix = unit === 'gCO2e' ? 'CO2e' : '';
  if (value === 0) return `0 ${base}${suffix}`;
  const abs = Math.abs(value);
  const [scale, prefix] = siPrefix(abs);
  return `${formatNumber(value / scale)} ${prefix}${base}${suffix}`;
}

export interface AggregateLike {
  median: number;
  p25: number;
  p75: number;
  low: number | null;
  high: number | null;
  methods: readonly string[];
  n: number;
}

/** "median (IQR p25–p75)" plus, for estimates, the typical interval and the method(s). */
export function aggregateText(m: AggregateLike | null, metric: SortMetric): { main: string; detail: string } {
  if (!m) return { main: 'not estimated', detail: 'no submission in this row had this estimate' };
  const unit = METRIC_UNIT[metric];
  const f = (v: number) => formatQuantity(v, unit);
  const iqr = `IQR ${f(m.p25)}–${f(m.p75)}`;
  if (metric === 'latency') return { main: f(m.median), detail: `${iqr}, measured` };
  const interval = m.low !== null && m.high !== null ? `typical interval ${f(m.low)}–${f(m.high)}, ` : '';
  return { main: f(m.median), detail: `${iqr}; ${interval}${m.methods.join(', ') || 'method not given'}, n=${m.n}` };
}

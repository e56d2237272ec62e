import type { Estimate } from '../../core/estimate.js';
import type { CompletedResult, ResultRecord } from '../../core/result-schema.js';
import type { EstimateKey } from '../../estimates/estimate-cell.js';

/** The `record.estimates` keys the trade-off views read (names owned by src/estimates/estimate-cell.ts). */
export const FIGURE_KEYS = {
  /** attributable energy per inference, the headline of DESIGN §4 */
  energy: 'energyAttributableJ',
  energyBusy: 'energyBusyJ',
  /** average power above idle while the cell ran */
  power: 'powerAttributableW',
  gridIntensity: 'gridIntensityGPerKWh',
  carbonOperational: 'carbonOperationalG',
  embodiedWallClock: 'embodiedWallClockG',
  embodiedActiveUse: 'embodiedActiveUseG',
} as const satisfies Record<string, EstimateKey>;

export const NO_ENERGY_YET = 'no energy estimate yet';

export function isCompleted(r: ResultRecord): r is CompletedResult {
  return r.state === 'completed';
}

/** An estimate of a record when present in the unit the view expects; anything else is absent, never guessed. */
export function figureOf(r: CompletedResult, key: keyof typeof FIGURE_KEYS, unit: string): Estimate | null {
  const e = r.estimates?.[FIGURE_KEYS[key]];
  return e && e.unit === unit ? e : null;
}

export function energyOf(r: CompletedResult): Estimate | null {
  return figureOf(r, 'energy', 'J');
}

/** Median latency with its 95 % CI as an Estimate (measured), for analyses that take intervals. */
export function latencyEstimateMs(r: CompletedResult): Estimate {
  const s = r.phases.steady.stats;
  return {
    value: s.medianMs,
    low: Math.min(s.ciLowMs, s.medianMs),
    high: Math.max(s.ciHighMs, s.medianMs),
    unit: 'ms',
    method: 'measured',
    reasons: [`median of ${s.n} timed samples in this browser, bootstrap 95 % CI`],
    sources: [],
  };
}

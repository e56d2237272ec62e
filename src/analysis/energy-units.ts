import type { Estimate } from '../core/estimate.js';
import { scale } from '../estimates/estimate-math.js';

/** Joules per unit for the energy units a person may type in (fine-tuning energy is often kWh). */
export const JOULES_PER: Readonly<Record<string, number>> = {
  mJ: 1e-3,
  J: 1,
  kJ: 1e3,
  Wh: 3600,
  kWh: 3.6e6,
};
export const ENERGY_UNITS = Object.keys(JOULES_PER);

/** Converts an energy estimate to joules; the caller has checked the unit is one of ENERGY_UNITS. */
export function toJoules(e: Estimate): Estimate {
  const factor = JOULES_PER[e.unit];
  if (factor === undefined) throw new RangeError(`"${e.unit}" is not an energy unit (use one of ${ENERGY_UNITS.join(', ')})`);
  return factor === 1 ? e : scale(e, factor, 'J');
}

export const JOULES_PER_KWH = 3.6e6;
export const SECONDS_PER_YEAR = 365.25 * 24 * 3600;
export const BYTES_PER_GB = 1e9;

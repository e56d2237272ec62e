import type { Estimate } from '../core/estimate.js';
import { SECONDS_PER_YEAR } from './energy-units.js';
import { propagate } from '../estimates/estimate-math.js';

/**
 * SCI embodied share M = TE × (TiR / EL) × (RR / ToR) for one inference that reserves the whole
 * device (RR / ToR = 1) for `busy` seconds.
 * - wall-clock: EL is the device's whole life, so a device that sits idle most of the day still
 *   spreads its footprint over every second.
 * - active-use: EL is only the hours in use (life × use ratio), which is what the footprint buys;
 *   per inference it is 1 / useRatio times the wall-clock figure.
 */
export type EmbodiedAllocation = 'wall-clock' | 'active-use';

export function embodiedPerInferenceG(
  allocation: EmbodiedAllocation,
  embodiedKgCO2e: Estimate,
  busyS: Estimate,
  lifetimeYears: Estimate,
  useRatio: Estimate,
): Estimate {
  if (allocation === 'wall-clock') {
    return propagate(
      [embodiedKgCO2e, busyS, lifetimeYears],
      ([te, t, l]) => ((te as number) * 1000 * (t as number)) / ((l as number) * SECONDS_PER_YEAR),
      'gCO2e',
      ['embodied carbon allocated over the device’s wall-clock life'],
    );
  }
  return propagate(
    [embodiedKgCO2e, busyS, lifetimeYears, useRatio],
    ([te, t, l, u]) => ((te as number) * 1000 * (t as number)) / ((l as number) * (u as number) * SECONDS_PER_YEAR),
    'gCO2e',
    ['embodied carbon allocated over the device’s active-use hours'],
  );
}

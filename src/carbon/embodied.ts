import type { Estimate } from '../core/estimate.js';
import { add, divide, estimate, multiply, scale, withReasons } from '../estimates/estimate-math.js';
import { SECONDS_PER_YEAR, UNIT } from '../estimates/units.js';
import { gramsFromKgEstimate } from './operational.js';

export type EmbodiedAllocation = 'wall-clock' | 'active-use';

export interface EmbodiedInput {
  /** TE: the device's manufacturing footprint, kgCO2e */
  totalKgCO2e: Estimate;
  /** device lifetime, years */
  lifetimeYears: Estimate;
  /** share of wall-clock time the device is in active use */
  useRatio: Estimate;
  /** TiR: time the inference reserves the device, s (its latency) */
  reservedS: Estimate;
  /** RR/ToR: share of the device's resources reserved; default 1 (the whole device) */
  resourceShare?: Estimate;
}

const WHOLE_DEVICE = estimate({ value: 1, unit: 'fraction', method: 'assumed', reasons: ['RR/ToR = 1: the inference has the whole device'] });

/**
 * SCI's embodied share M = TE × (TiR / EL) × (RR / ToR), under one of two allocations:
 * - wall-clock: EL is the device's whole life (years × seconds per year);
 * - active-use: EL is only the hours the device is used (× use ratio), so each active second
 *   carries 1 / useRatio more footprint (~3× for phones with a use ratio of 0.3).
 */
export function embodiedPerInference(input: EmbodiedInput, allocation: EmbodiedAllocation): Estimate {
  if (input.reservedS.unit !== UNIT.s) throw new TypeError(`reserved time must be in s, got ${input.reservedS.unit}`);
  const lifeS = scale(input.lifetimeYears, SECONDS_PER_YEAR, UNIT.s);
  const el = allocation === 'wall-clock' ? lifeS : multiply(lifeS, input.useRatio, UNIT.s);
  const teG = gramsFromKgEstimate(input.totalKgCO2e);
  const share = input.resourceShare ?? WHOLE_DEVICE;
  const m = multiply(divide(multiply(teG, input.reservedS, 'gCO2e·s'), el, UNIT.g), share, UNIT.g);
  return withReasons(
    m,
    allocation === 'wall-clock'
      ? 'embodied allocated over the device’s wall-clock life (TiR / lifetime)'
      : 'embodied allocated over the device’s active-use hours (TiR / (lifetime × use ratio))',
  );
}

/** SCI = (E·I + M) / R; here R is one inference unless told otherwise. */
export function sciPerInference(operationalG: Estimate, embodiedG: Estimate, inferences = 1): Estimate {
  if (!(inferences > 0)) throw new RangeError(`functional unit R must be positive, got ${inferences}`);
  return withReasons(scale(add(operationalG, embodiedG), 1 / inferences), `SCI per ${inferences === 1 ? 'inference' : `${inferences} inferences`} = (E·I + M) / R`);
}

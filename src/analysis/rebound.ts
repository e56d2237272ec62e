import type { Estimate } from '../core/estimate.js';
import { ENERGY_UNITS, toJoules } from './energy-units.js';
import { propagate } from '../estimates/estimate-math.js';
import { checkEstimate, checkNumber, invalid, type InvalidInput } from './input-checks.js';

/**
 * How usage responds to the efficiency gain.
 * - multiplier: usage after ÷ usage before, as the person expects it (e.g. 3 = three times the uses).
 * - elasticity: constant-elasticity demand on the cost of a use, with that cost taken to be
 *   proportional to its energy, so growth = (E_base / E_eff)^elasticity. Elasticity 1 takes back
 *   exactly the whole saving (R = 100 %), above 1 backfires, 0 is no rebound.
 */
export type UsageGrowth = { kind: 'multiplier'; multiplier: number } | { kind: 'elasticity'; elasticity: number };

export interface ReboundInput {
  /** energy per use of the baseline variant (J, Wh or kWh) */
  baselinePerUse: Estimate;
  /** energy per use of the efficient variant, same kind of unit */
  efficientPerUse: Estimate;
  /** uses per period before the change; a scenario input, exact by definition */
  usesPerPeriod: number;
  growth: UsageGrowth;
  /** periods for the horizon series; growth reaches its full value after `rampPeriods` (default 1) */
  horizon?: { periods: number; rampPeriods?: number };
}

export interface HorizonPoint {
  /** 1-based period number */
  period: number;
  usageMultiplier: Estimate;
  baselineJ: Estimate;
  actualJ: Estimate;
  actualSavingJ: Estimate;
  cumulativeExpectedSavingJ: Estimate;
  cumulativeActualSavingJ: Estimate;
}

export type ReboundShare =
  | { state: 'estimated'; estimate: Estimate }
  /** the efficient variant may save nothing (its interval reaches the baseline's), so R has no upper bound */
  | { state: 'unbounded'; value: number; reason: string };

export interface ReboundResult {
  state: 'computed';
  /** r = E_base / E_eff */
  efficiencyRatio: Estimate;
  usageMultiplier: Estimate;
  baselinePerPeriodJ: Estimate;
  /** efficient variant at the old usage */
  expectedPerPeriodJ: Estimate;
  /** efficient variant at the grown usage */
  actualPerPeriodJ: Estimate;
  expectedSavingJ: Estimate;
  actualSavingJ: Estimate;
  /** R = 1 − actual saving / expected saving, as a fraction (1 = 100 %) */
  rebound: ReboundShare;
  /** R > 100 %: the efficient variant ends up using more energy in total */
  backfire: 'yes' | 'no' | 'uncertain';
  /** usage may grow by up to this factor (E_base / E_eff) before the whole saving is gone */
  breakEvenMultiplier: Estimate;
  horizon: HorizonPoint[];
  sentence: string;
}

export interface NoSaving {
  state: 'no-expected-saving';
  efficiencyRatio: Estimate;
  sentence: string;
}

const GROWTH_REASON = 'usage and its growth are scenario inputs';

function checkInput(input: ReboundInput): string[] {
  const problems: string[] = [];
  checkEstimate('baseline energy per use', input.baselinePerUse, { units: ENERGY_UNITS, above: 0 }, problems);
  checkEstimate('efficient energy per use', input.efficientPerUse, { units: ENERGY_UNITS, above: 0 }, problems);
  checkNumber('uses per period', input.usesPerPeriod, { above: 0 }, problems);
  const g = input.growth;
  if (g?.kind === 'multiplier') checkNumber('usage multiplier', g.multiplier, { min: 0 }, problems);
  else if (g?.kind === 'elasticity') checkNumber('elasticity', g.elasticity, { min: -10, max: 10 }, problems);
  else problems.push('usage growth is missing: give {kind: "multiplier", multiplier} or {kind: "elasticity", elasticity}.');
  if (input.horizon) {
    checkNumber('horizon periods', input.horizon.periods, { min: 1, max: 1000, integer: true }, problems);
    if (input.horizon.rampPeriods !== undefined) checkNumber('ramp periods', input.horizon.rampPeriods, { min: 1, integer: true }, problems);
  }
  return problems;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const j = (x: number) => `${x.toPrecision(3)} J`;

/** Rebound of an efficiency gain: expected vs actual savings once usage grows. */
export function rebound(input: ReboundInput): ReboundResult | NoSaving | InvalidInput {
  const problems = checkInput(input);
  if (problems.length > 0) return invalid(problems);
  const eb = toJoules(input.baselinePerUse);
  const ee = toJoules(input.efficientPerUse);
  const u0 = input.usesPerPeriod;
  const growthAt = (b: number, e: number): number =>
    input.growth.kind === 'multiplier' ? input.growth.multiplier : (b / e) ** input.growth.elasticity;
  const f = (fn: (b: number, e: number) => number, unit: string, reasons: string[] = []) =>
    propagate([eb, ee], ([b, e]) => fn(b as number, e as number), unit, reasons);

  const efficiencyRatio = f((b, e) => b / e, 'ratio');
  if (efficiencyRatio.value <= 1) {
    return {
      state: 'no-expected-saving',
      efficiencyRatio,
      sentence: `The "efficient" variant uses ${j(ee.value)} per use against ${j(eb.value)} for the baseline: there is no saving for usage growth to take back.`,
    };
  }

  const usageMultiplier = f(growthAt, 'ratio', [GROWTH_REASON]);
  const expectedSavingJ = f((b, e) => u0 * (b - e), 'J', [GROWTH_REASON]);
  const actualSavingJ = f((b, e) => u0 * (b - e * growthAt(b, e)), 'J', [GROWTH_REASON]);
  const rValue = 1 - actualSavingJ.value / expectedSavingJ.value;
  const rebound: ReboundShare =
    efficiencyRatio.low > 1
      ? { state: 'estimated', estimate: f((b, e) => ((growthAt(b, e) - 1) * e) / (b - e), 'fraction', [GROWTH_REASON]) }
      : {
          state: 'unbounded',
          value: rValue,
          reason: 'the energy intervals of the two variants overlap, so the efficient one may save nothing and the share taken back has no upper bound',
        };
  const backfire = actualSavingJ.high < 0 ? 'yes' : actualSavingJ.low >= 0 ? 'no' : 'uncertain';

  const periods = input.horizon?.periods ?? 0;
  const ramp = input.horizon?.rampPeriods ?? 1;
  const horizon: HorizonPoint[] = [];
  // growth reaches its full value linearly over the ramp: g_t = 1 + (g − 1)·min(1, t / ramp)
  const gAt = (t: number, b: number, e: number) => 1 + (growthAt(b, e) - 1) * Math.min(1, t / ramp);
  for (let t = 1; t <= periods; t++) {
    horizon.push({
      period: t,
      usageMultiplier: f((b, e) => gAt(t, b, e), 'ratio', [GROWTH_REASON]),
      baselineJ: f((b) => u0 * b, 'J'),
      actualJ: f((b, e) => u0 * e * gAt(t, b, e), 'J', [GROWTH_REASON]),
      actualSavingJ: f((b, e) => u0 * (b - e * gAt(t, b, e)), 'J', [GROWTH_REASON]),
      cumulativeExpectedSavingJ: f((b, e) => t * u0 * (b - e), 'J', [GROWTH_REASON]),
      cumulativeActualSavingJ: f((b, e) => {
        let s = 0;
        for (let k = 1; k <= t; k++) s += u0 * (b - e * gAt(k, b, e));
        return s;
      }, 'J', [GROWTH_REASON]),
    });
  }

  const verdict =
    backfire === 'yes'
      ? 'backfire: the efficient variant now uses more energy in total than the baseline did'
      : backfire === 'uncertain'
        ? 'backfire is possible within the intervals'
        : 'part of the saving survives';
  const sentence =
    `Expected saving ${j(expectedSavingJ.value)} per period; with usage ×${usageMultiplier.value.toFixed(2)} the actual saving is ` +
    `${j(actualSavingJ.value)}: rebound ${pct(rValue)}, ${verdict}. Usage can grow up to ×${efficiencyRatio.value.toFixed(2)} before the whole saving is gone.`;

  return {
    state: 'computed',
    efficiencyRatio,
    usageMultiplier,
    baselinePerPeriodJ: f((b) => u0 * b, 'J'),
    expectedPerPeriodJ: f((_b, e) => u0 * e, 'J'),
    actualPerPeriodJ: f((b, e) => u0 * e * growthAt(b, e), 'J', [GROWTH_REASON]),
    expectedSavingJ,
    actualSavingJ,
    rebound,
    backfire,
    breakEvenMultiplier: { ...efficiencyRatio, unit: 'ratio' },
    horizon,
    sentence,
  };
}

import type { Estimate } from '../core/estimate.js';
import { ENERGY_UNITS, toJoules } from './energy-units.js';
import { propagate, sum } from '../estimates/estimate-math.js';
import { checkEstimate, checkNumber, invalid, type InvalidInput } from './input-checks.js';

/** Where the energy to make a variant went; edgewatt's own profiling runs count too. */
export type MakingCostKind = 'forge' | 'calibration' | 'fine-tuning' | 'profiling' | 'other';

export interface MakingCost {
  label: string;
  kind: MakingCostKind;
  /** J, Wh or kWh (fine-tuning energy is usually entered in kWh) */
  energy: Estimate;
}

export interface LifeCycleInput {
  makingCosts: readonly MakingCost[];
  baselinePerInference: Estimate;
  efficientPerInference: Estimate;
  /** deployment usage, for break-even in days; a scenario input */
  inferencesPerDay?: number;
}

export type BreakEven =
  | { state: 'breaks-even'; inferences: Estimate; days: Estimate | null }
  /** the central saving is positive but its interval reaches zero: the best case breaks even, the worst never */
  | { state: 'may-never'; inferences: { value: number; low: number }; days: { value: number; low: number } | null; reason: string }
  | { state: 'never'; reason: string };

export interface LifeCycleResult {
  state: 'computed';
  makingJ: Estimate;
  /** each cost in joules with its share of the central total (for a stacked bar) */
  makingByItem: { label: string; kind: MakingCostKind; energyJ: Estimate; share: number }[];
  savingPerInferenceJ: Estimate;
  breakEven: BreakEven;
  sentence: string;
}

function checkInput(input: LifeCycleInput): string[] {
  const problems: string[] = [];
  if (!Array.isArray(input.makingCosts)) problems.push('making costs must be a list (it may be empty).');
  else input.makingCosts.forEach((c, i) => checkEstimate(`making cost "${c?.label ?? i}"`, c?.energy, { units: ENERGY_UNITS, min: 0 }, problems));
  checkEstimate('baseline energy per inference', input.baselinePerInference, { units: ENERGY_UNITS, min: 0 }, problems);
  checkEstimate('efficient energy per inference', input.efficientPerInference, { units: ENERGY_UNITS, min: 0 }, problems);
  if (input.inferencesPerDay !== undefined) checkNumber('inferences per day', input.inferencesPerDay, { above: 0 }, problems);
  return problems;
}

/** Net energy saved after `inferences` uses: n × saving − making (negative until break-even). */
export function netSavingAt(makingJ: Estimate, savingPerInferenceJ: Estimate, inferences: number): Estimate {
  return propagate([makingJ, savingPerInferenceJ], ([m, s]) => inferences * (s as number) - (m as number), 'J');
}

const count = (n: number) => (n >= 1e6 ? `${(n / 1e6).toPrecision(3)} million` : Math.ceil(n).toLocaleString('en-US'));

/** Energy to make the efficient variant against what it saves per inference. */
export function lifeCycle(input: LifeCycleInput): LifeCycleResult | InvalidInput {
  const problems = checkInput(input);
  if (problems.length > 0) return invalid(problems);
  const items = input.makingCosts.map((c) => ({ label: c.label, kind: c.kind, energyJ: toJoules(c.energy) }));
  const makingJ = sum(
    items.map((i) => i.energyJ),
    'J',
  );
  const makingByItem = items.map((i) => ({ ...i, share: makingJ.value > 0 ? i.energyJ.value / makingJ.value : 0 }));
  // a formula rather than `subtract`, so the result says its inputs were taken as independent:
  // both variants' energies usually come from one power profile, which narrows the true difference
  const savingPerInferenceJ = propagate([toJoules(input.baselinePerInference), toJoules(input.efficientPerInference)], ([b, e]) => (b as number) - (e as number), 'J');
  const rate = input.inferencesPerDay;

  let breakEven: BreakEven;
  if (savingPerInferenceJ.value <= 0) {
    breakEven = {
      state: 'never',
      reason: `the efficient variant does not use less energy per inference (${savingPerInferenceJ.value.toPrecision(3)} J saved), so making it is never paid back`,
    };
  } else if (savingPerInferenceJ.low <= 0) {
    const value = makingJ.value / savingPerInferenceJ.value;
    const low = makingJ.low / savingPerInferenceJ.high;
    breakEven = {
      state: 'may-never',
      inferences: { value, low },
      days: rate ? { value: value / rate, low: low / rate } : null,
      reason: `the saving per inference may be as low as ${savingPerInferenceJ.low.toPrecision(3)} J, and at zero or below it never pays back`,
    };
  } else {
    const inferences = propagate([makingJ, savingPerInferenceJ], ([m, s]) => (m as number) / (s as number), 'inferences');
    breakEven = {
      state: 'breaks-even',
      inferences,
      days: rate ? propagate([inferences], ([n]) => (n as number) / rate, 'days', ['usage per day is a scenario input']) : null,
    };
  }

  const made = `Making the variant took ${makingJ.value.toPrecision(3)} J`;
  const sentence =
    breakEven.state === 'never'
      ? `${made} and it saves nothing per inference: it never breaks even.`
      : breakEven.state === 'may-never'
        ? `${made}; at the central saving of ${savingPerInferenceJ.value.toPrecision(3)} J per inference it breaks even after ${count(breakEven.inferences.value)} inferences, but within the intervals it may never.`
        : `${made}; saving ${savingPerInferenceJ.value.toPrecision(3)} J per inference, it breaks even after ${count(breakEven.inferences.value)} inferences` +
          ` (${count(breakEven.inferences.low)}–${count(breakEven.inferences.high)})` +
          (breakEven.days ? `, ${breakEven.days.value.toPrecision(3)} days at ${rate} a day.` : '.');

  return { state: 'computed', makingJ, makingByItem, savingPerInferenceJ, breakEven, sentence };
}

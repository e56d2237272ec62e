import type { Estimate, EstimateMethod, SourceRef } from '../core/estimate.js';
import { weakestMethod } from '../estimates/estimate-math.js';

/**
 * Arithmetic on `Estimate` intervals for the trade-off analyses.
 *
 * Inputs are treated as independent: bounds are the extremes of the output over every
 * combination of each input's {low, value, high}. That is exact for outputs that are monotone
 * in each input over the box (every formula in src/analysis is, on its valid domain) and
 * conservative when inputs are in truth correlated (two variants' energies from one power
 * profile), which the reasons say.
 */

// One order of methods for the whole project: the estimation core owns it.
export { METHOD_WEAKNESS as METHOD_STRENGTH, weakestMethod } from '../estimates/estimate-math.js';

export const INDEPENDENCE_REASON =
  'interval taken over every combination of the input bounds, inputs treated as independent (wider than the truth when inputs share a source)';

export interface PointOptions {
  method: EstimateMethod;
  reasons?: string[];
  sources?: SourceRef[];
}

/** A figure known exactly for the purpose at hand (a count, a user's scenario input). */
export function point(value: number, unit: string, opts: PointOptions): Estimate {
  return { value, low: value, high: value, unit, method: opts.method, reasons: opts.reasons ?? [], sources: opts.sources ?? [] };
}

export function range(value: number, low: number, high: number, unit: string, opts: PointOptions): Estimate {
  if (!(low <= value && value <= high)) throw new RangeError(`range needs low <= value <= high, got ${low} / ${value} / ${high} ${unit}`);
  return { value, low, high, unit, method: opts.method, reasons: opts.reasons ?? [], sources: opts.sources ?? [] };
}

function mergeReasons(inputs: readonly Estimate[], extra: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of [...inputs.flatMap((e) => e.reasons), ...extra]) if (!out.includes(r)) out.push(r);
  return out;
}

function mergeSources(inputs: readonly Estimate[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const s of inputs.flatMap((e) => e.sources)) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()];
}

const MAX_INPUTS = 10;

/**
 * Evaluate `f` at the central values (the result's value) and at all 3^n combinations of
 * {low, value, high} (the result's bounds). Throws a RangeError when `f` is not finite somewhere
 * in the box: callers check their domain (a divisor interval reaching zero) before calling.
 */
export function propagate(
  inputs: readonly Estimate[],
  f: (values: number[]) => number,
  unit: string,
  extraReasons: readonly string[] = [],
): Estimate {
  if (inputs.length > MAX_INPUTS) throw new RangeError(`propagate takes at most ${MAX_INPUTS} inputs, got ${inputs.length}`);
  const value = f(inputs.map((e) => e.value));
  let low = value;
  let high = value;
  const combos = 3 ** inputs.length;
  const args = new Array<number>(inputs.length);
  for (let c = 0; c < combos; c++) {
    let k = c;
    for (let i = 0; i < inputs.length; i++) {
      const e = inputs[i] as Estimate;
      const pick = k % 3;
      k = Math.floor(k / 3);
      args[i] = pick === 0 ? e.low : pick === 1 ? e.value : e.high;
    }
    const y = f(args);
    if (!Number.isFinite(y)) throw new RangeError(`result in ${unit} is not finite for inputs ${args.join(', ')}`);
    if (y < low) low = y;
    if (y > high) high = y;
  }
  if (!Number.isFinite(value)) throw new RangeError(`result in ${unit} is not finite at the central values`);
  const spread = inputs.filter((e) => e.low !== e.high).length;
  const reasons = mergeReasons(inputs, spread > 1 ? [...extraReasons, INDEPENDENCE_REASON] : extraReasons);
  return {
    value,
    low,
    high,
    unit,
    method: weakestMethod(inputs.map((e) => e.method)),
    reasons,
    sources: mergeSources(inputs),
  };
}

export function scale(e: Estimate, factor: number, unit: string = e.unit): Estimate {
  return propagate([e], ([x]) => (x as number) * factor, unit);
}

export function add(a: Estimate, b: Estimate, unit: string = a.unit): Estimate {
  return propagate([a, b], ([x, y]) => (x as number) + (y as number), unit);
}

export function sub(a: Estimate, b: Estimate, unit: string = a.unit): Estimate {
  return propagate([a, b], ([x, y]) => (x as number) - (y as number), unit);
}

export function mul(a: Estimate, b: Estimate, unit: string): Estimate {
  return propagate([a, b], ([x, y]) => (x as number) * (y as number), unit);
}

/** Callers make sure `b`'s interval does not reach zero. */
export function div(a: Estimate, b: Estimate, unit: string): Estimate {
  return propagate([a, b], ([x, y]) => (x as number) / (y as number), unit);
}

export function sum(items: readonly Estimate[], unit: string): Estimate {
  if (items.length === 0) return point(0, unit, { method: 'measured', reasons: ['sum of nothing'] });
  // sums are monotone in every term, so bounds add up; no need for the 3^n box
  return {
    value: items.reduce((s, e) => s + e.value, 0),
    low: items.reduce((s, e) => s + e.low, 0),
    high: items.reduce((s, e) => s + e.high, 0),
    unit,
    method: weakestMethod(items.map((e) => e.method)),
    reasons: mergeReasons(items, []),
    sources: mergeSources(items),
  };
}

/** Whole interval strictly above zero. */
export function isPositive(e: Estimate): boolean {
  return e.low > 0;
}

/** Add a reason once (analyses append their own caveats to a figure). */
export function withReason(e: Estimate, reason: string): Estimate {
  return e.reasons.includes(reason) ? e : { ...e, reasons: [...e.reasons, reason] };
}

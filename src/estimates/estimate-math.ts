import type { Estimate, EstimateMethod, SourceRef } from '../core/estimate.js';

/**
 * Interval arithmetic on `Estimate`s, for the estimation pipeline and the trade-off analyses alike.
 * Inputs are treated as independent intervals: the named operations take the exact hull of their
 * corners (each is monotone in every argument where its inputs' signs are fixed, and the corners
 * cover a bound that crosses zero), and `propagate` takes a formula's extremes over every
 * combination of the input bounds. Both are conservative when inputs share a cause.
 *
 * The method of a combination is the weakest of its parts, in this order (strongest first):
 * measured → calibrated → modelled → assumed. A figure computed from one assumed input is assumed.
 */
export const METHOD_WEAKNESS: readonly EstimateMethod[] = ['measured', 'calibrated', 'modelled', 'assumed'];

export function weakestMethod(methods: readonly EstimateMethod[]): EstimateMethod {
  let worst = 0;
  for (const m of methods) worst = Math.max(worst, METHOD_WEAKNESS.indexOf(m));
  return METHOD_WEAKNESS[worst] ?? 'assumed';
}

export interface EstimateInput {
  value: number;
  low?: number;
  high?: number;
  unit: string;
  method: EstimateMethod;
  reasons?: readonly string[];
  sources?: readonly SourceRef[];
}

/** Builds an Estimate and checks it: finite numbers and low ≤ value ≤ high. */
export function estimate(input: EstimateInput): Estimate {
  const low = input.low ?? input.value;
  const high = input.high ?? input.value;
  for (const [k, x] of [['value', input.value], ['low', low], ['high', high]] as const) {
    if (!Number.isFinite(x)) throw new RangeError(`estimate ${k} in ${input.unit} must be finite, got ${x}`);
  }
  if (!(low <= input.value && input.value <= high)) {
    throw new RangeError(`estimate needs low <= value <= high, got ${low} / ${input.value} / ${high} ${input.unit}`);
  }
  return {
    value: input.value,
    low,
    high,
    unit: input.unit,
    method: input.method,
    reasons: dedupe(input.reasons ?? []),
    sources: mergeSources([input.sources ?? []]),
  };
}

function dedupe(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

function mergeSources(lists: readonly (readonly SourceRef[])[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const list of lists) for (const s of list) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()];
}

function combine(parts: readonly Estimate[], value: number, low: number, high: number, unit: string, reasons: readonly string[] = []): Estimate {
  // rounding can put a product's value one ulp outside its hull; the hull is what we vouch for
  const v = Math.min(Math.max(value, low), high);
  return estimate({
    value: v,
    low,
    high,
    unit,
    method: weakestMethod(parts.map((p) => p.method)),
    reasons: [...parts.flatMap((p) => p.reasons), ...reasons],
    sources: mergeSources(parts.map((p) => p.sources)),
  });
}

function sameUnit(op: string, a: Estimate, b: Estimate): void {
  if (a.unit !== b.unit) throw new TypeError(`cannot ${op} ${a.unit} and ${b.unit}: convert one of them first`);
}

export function add(a: Estimate, b: Estimate): Estimate {
  sameUnit('add', a, b);
  return combine([a, b], a.value + b.value, a.low + b.low, a.high + b.high, a.unit);
}

/** Sum of `unit` estimates; a sum of nothing is an exact 0 (a list of making costs may be empty). */
export function sum(items: readonly Estimate[], unit: string): Estimate {
  const mixed = items.find((e) => e.unit !== unit);
  if (mixed) throw new TypeError(`cannot sum ${mixed.unit} into ${unit}: convert it first`);
  const first = items[0];
  if (first === undefined) return estimate({ value: 0, unit, method: 'measured', reasons: ['sum of nothing'] });
  return items.slice(1).reduce((acc, e) => add(acc, e), first);
}

export interface SubtractOptions {
  /** physical quantities that cannot go negative (power above idle): clamp the bounds at zero and say so */
  clampAtZero?: boolean;
}

export function subtract(a: Estimate, b: Estimate, opts: SubtractOptions = {}): Estimate {
  sameUnit('subtract', a, b);
  let value = a.value - b.value;
  let low = a.low - b.high;
  let high = a.high - b.low;
  const reasons: string[] = [];
  if (opts.clampAtZero && low < 0) {
    reasons.push(`the lower bound of ${a.unit} fell below zero (difference within noise) and was clamped at 0`);
    low = 0;
    value = Math.max(value, 0);
    high = Math.max(high, 0);
  }
  return combine([a, b], value, low, high, a.unit, reasons);
}

/** Product of two intervals: the hull of the four corner products. */
export function multiply(a: Estimate, b: Estimate, unit: string): Estimate {
  const corners = [a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high];
  return combine([a, b], a.value * b.value, Math.min(...corners), Math.max(...corners), unit);
}

/** Quotient of two intervals; the divisor's interval must not contain zero. */
export function divide(a: Estimate, b: Estimate, unit: string): Estimate {
  if (b.low <= 0 && b.high >= 0) throw new RangeError(`cannot divide by an interval of ${b.unit} that contains zero [${b.low}, ${b.high}]`);
  const corners = [a.low / b.low, a.low / b.high, a.high / b.low, a.high / b.high];
  return combine([a, b], a.value / b.value, Math.min(...corners), Math.max(...corners), unit);
}

/** Multiply by an exact number (a unit conversion factor, a count). */
export function scale(a: Estimate, k: number, unit: string = a.unit): Estimate {
  if (!Number.isFinite(k)) throw new RangeError(`scale factor must be finite, got ${k}`);
  const x = a.low * k;
  const y = a.high * k;
  return combine([a], a.value * k, Math.min(x, y), Math.max(x, y), unit);
}

/** Apply a non-decreasing function (a power curve) to an interval. */
export function mapIncreasing(a: Estimate, f: (x: number) => number, unit: string, reason?: string): Estimate {
  return combine([a], f(a.value), f(a.low), f(a.high), unit, reason ? [reason] : []);
}

/** The same estimate with a weaker method if `method` is weaker (never strengthens). */
export function weakenTo(e: Estimate, method: EstimateMethod, reason?: string): Estimate {
  return { ...e, method: weakestMethod([e.method, method]), reasons: dedupe([...e.reasons, ...(reason ? [reason] : [])]) };
}

export function withReasons(e: Estimate, ...reasons: string[]): Estimate {
  return { ...e, reasons: dedupe([...e.reasons, ...reasons]) };
}

/** The smallest interval holding every input; value is the mean of the values. */
export function hull(items: readonly Estimate[], reason?: string): Estimate {
  const first = items[0];
  if (first === undefined) throw new RangeError('hull of no estimates');
  for (const e of items) sameUnit('take the hull of', first, e);
  const value = items.reduce((s, e) => s + e.value, 0) / items.length;
  return combine(items, value, Math.min(...items.map((e) => e.low)), Math.max(...items.map((e) => e.high)), first.unit, reason ? [reason] : []);
}

export const INDEPENDENCE_REASON =
  'interval taken over every combination of the input bounds, inputs treated as independent (wider than the truth when inputs share a source)';

const MAX_PROPAGATE_INPUTS = 10;

/**
 * A formula over estimates: the value is `f` at the central values, the bounds are its extremes
 * over all 3^n combinations of each input's {low, value, high}. Exact only when `f` is monotone in
 * each input over the box (every formula in src/analysis is, on its checked domain): a divisor
 * that crosses zero between two of those points goes unseen, so callers check their domain or use
 * `divide`. Throws a RangeError where `f` is not finite. When two or more inputs carry an interval
 * the result says that they were treated as independent: the analyses combine figures (two
 * variants' energies from one power profile) that often are not.
 */
export function propagate(inputs: readonly Estimate[], f: (values: number[]) => number, unit: string, extraReasons: readonly string[] = []): Estimate {
  if (inputs.length > MAX_PROPAGATE_INPUTS) throw new RangeError(`propagate takes at most ${MAX_PROPAGATE_INPUTS} inputs, got ${inputs.length}`);
  const value = f(inputs.map((e) => e.value));
  if (!Number.isFinite(value)) throw new RangeError(`result in ${unit} is not finite at the central values`);
  let low = value;
  let high = value;
  const args = new Array<number>(inputs.length);
  for (let c = 0; c < 3 ** inputs.length; c++) {
    let k = c;
    inputs.forEach((e, i) => {
      const pick = k % 3;
      k = Math.floor(k / 3);
      args[i] = pick === 0 ? e.low : pick === 1 ? e.value : e.high;
    });
    const y = f(args);
    if (!Number.isFinite(y)) throw new RangeError(`result in ${unit} is not finite for inputs ${args.join(', ')}`);
    low = Math.min(low, y);
    high = Math.max(high, y);
  }
  const spread = inputs.filter((e) => e.low !== e.high).length;
  return combine(inputs, value, low, high, unit, spread > 1 ? [...extraReasons, INDEPENDENCE_REASON] : extraReasons);
}

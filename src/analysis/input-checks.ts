import type { Estimate } from '../core/estimate.js';

/** An analysis refused its inputs: every problem says what is wrong and what to do. */
export interface InvalidInput {
  state: 'invalid';
  problems: string[];
}

export function invalid(problems: string[]): InvalidInput {
  return { state: 'invalid', problems };
}

export interface NumberRule {
  /** inclusive */
  min?: number;
  /** exclusive lower bound, for quantities that must be strictly positive */
  above?: number;
  max?: number;
  integer?: boolean;
}

/** Appends to `problems` and returns whether `x` passed. */
export function checkNumber(name: string, x: unknown, rule: NumberRule, problems: string[]): boolean {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    problems.push(`${name} must be a finite number, got ${String(x)}: enter a number.`);
    return false;
  }
  const before = problems.length;
  if (rule.integer && !Number.isInteger(x)) problems.push(`${name} must be a whole number, got ${x}.`);
  if (rule.min !== undefined && x < rule.min) problems.push(`${name} must be at least ${rule.min}, got ${x}.`);
  if (rule.above !== undefined && x <= rule.above) problems.push(`${name} must be greater than ${rule.above}, got ${x}.`);
  if (rule.max !== undefined && x > rule.max) problems.push(`${name} must be at most ${rule.max}, got ${x}.`);
  return problems.length === before;
}

export interface EstimateRule extends NumberRule {
  /** accepted unit labels; the first is the one the analysis works in */
  units?: readonly string[];
}

/**
 * Checks shape (finite, low <= value <= high), unit and bounds. The bound rules apply to the
 * whole interval (its low end), because a figure that may be zero cannot divide anything.
 */
export function checkEstimate(name: string, e: Estimate | undefined, rule: EstimateRule, problems: string[]): boolean {
  if (e === undefined || e === null || typeof e !== 'object') {
    problems.push(`${name} is missing: provide an estimate {value, low, high, unit, method}.`);
    return false;
  }
  const before = problems.length;
  for (const key of ['value', 'low', 'high'] as const) {
    if (typeof e[key] !== 'number' || !Number.isFinite(e[key])) problems.push(`${name}.${key} must be a finite number, got ${String(e[key])}.`);
  }
  if (problems.length > before) return false;
  if (!(e.low <= e.value && e.value <= e.high)) {
    problems.push(`${name} must satisfy low <= value <= high, got ${e.low} / ${e.value} / ${e.high}: swap or fix the bounds.`);
  }
  if (rule.units && !rule.units.includes(e.unit)) {
    problems.push(`${name} is in "${e.unit}" but must be in ${rule.units.map((u) => `"${u}"`).join(' or ')}: convert it first.`);
  }
  if (rule.min !== undefined && e.low < rule.min) problems.push(`${name} must be at least ${rule.min} over its whole interval, its low end is ${e.low}.`);
  if (rule.above !== undefined && e.low <= rule.above) {
    problems.push(`${name} must be greater than ${rule.above} over its whole interval, its low end is ${e.low}: narrow the interval or fix the value.`);
  }
  if (rule.max !== undefined && e.high > rule.max) problems.push(`${name} must be at most ${rule.max} over its whole interval, its high end is ${e.high}.`);
  return problems.length === before;
}

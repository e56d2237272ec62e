import { describe, expect, it } from 'vitest';
import { estimateSchema } from '../core/estimate.js';
import { add, divide, estimate, hull, INDEPENDENCE_REASON, mapIncreasing, multiply, propagate, scale, subtract, sum, weakenTo, weakestMethod } from './estimate-math.js';

const power = estimate({ value: 10, low: 8, high: 14, unit: 'W', method: 'modelled', reasons: ['profile'], sources: [{ id: 'a' }] });
const time = estimate({ value: 0.02, low: 0.018, high: 0.025, unit: 's', method: 'measured', reasons: ['timer'], sources: [{ id: 'b' }] });

describe('estimate()', () => {
  it('rejects a value outside its bounds and non-finite numbers', () => {
    expect(() => estimate({ value: 5, low: 6, high: 7, unit: 'W', method: 'assumed' })).toThrow(/low <= value <= high/);
    expect(() => estimate({ value: Number.NaN, unit: 'W', method: 'assumed' })).toThrow(/finite/);
  });
  it('makes a point when bounds are omitted, and its output passes the core schema', () => {
    const e = estimate({ value: 3, unit: 'J', method: 'measured' });
    expect([e.low, e.value, e.high]).toEqual([3, 3, 3]);
    expect(estimateSchema.safeParse(e).success).toBe(true);
  });
});

describe('interval propagation', () => {
  it('multiplies intervals corner by corner', () => {
    // energy = P × t: value 10 × 0.02 = 0.2 J; low 8 × 0.018 = 0.144 J; high 14 × 0.025 = 0.35 J
    const e = multiply(power, time, 'J');
    expect(e.value).toBeCloseTo(0.2, 12);
    expect(e.low).toBeCloseTo(0.144, 12);
    expect(e.high).toBeCloseTo(0.35, 12);
    expect(e.unit).toBe('J');
  });

  it('handles a sign-crossing factor by taking the hull of the corners', () => {
    const a = estimate({ value: 1, low: -2, high: 3, unit: 'x', method: 'modelled' });
    const b = estimate({ value: 2, low: 1, high: 4, unit: 'y', method: 'modelled' });
    // corners: −2×1=−2, −2×4=−8, 3×1=3, 3×4=12 → [−8, 12]; value 1×2 = 2
    expect(multiply(a, b, 'xy')).toMatchObject({ value: 2, low: -8, high: 12 });
  });

  it('adds bounds to bounds and refuses mixed units', () => {
    const idle = estimate({ value: 2, low: 1, high: 3, unit: 'W', method: 'assumed' });
    // [8, 14] + [1, 3] = [9, 17], value 12
    expect(add(power, idle)).toMatchObject({ value: 12, low: 9, high: 17, method: 'assumed' });
    expect(() => add(power, time)).toThrow(/cannot add W and s/);
    // sum of three: 10+10+10 = 30, [24, 42]
    expect(sum([power, power, power], 'W')).toMatchObject({ value: 30, low: 24, high: 42 });
  });

  it('subtracts crosswise and can clamp at zero with a reason', () => {
    const load = estimate({ value: 3, low: 2.5, high: 3.6, unit: 'W', method: 'measured' });
    const idle = estimate({ value: 1, low: 0.8, high: 1.3, unit: 'W', method: 'measured' });
    // [2.5 − 1.3, 3.6 − 0.8] = [1.2, 2.8], value 3 − 1 = 2
    const d = subtract(load, idle);
    expect(d.value).toBeCloseTo(2, 12);
    expect(d.low).toBeCloseTo(1.2, 12);
    expect(d.high).toBeCloseTo(2.8, 12);
    const noisy = estimate({ value: 1.1, low: 0.9, high: 1.4, unit: 'W', method: 'measured' });
    // [0.9 − 1.3, 1.4 − 0.8] = [−0.4, 0.6] → clamped to [0, 0.6]
    const c = subtract(noisy, idle, { clampAtZero: true });
    expect(c.low).toBe(0);
    expect(c.high).toBeCloseTo(0.6, 12);
    expect(c.reasons.join(' ')).toMatch(/clamped at 0/);
  });

  it('divides by an interval that excludes zero and refuses one that does not', () => {
    const energy = estimate({ value: 446.76, low: 400, high: 500, unit: 'J', method: 'measured' });
    const dt = estimate({ value: 180, low: 160, high: 200, unit: 's', method: 'measured' });
    // 446.76/180 = 2.482; low 400/200 = 2; high 500/160 = 3.125
    expect(divide(energy, dt, 'W')).toMatchObject({ low: 2, high: 3.125 });
    expect(divide(energy, dt, 'W').value).toBeCloseTo(2.482, 12);
    expect(() => divide(energy, estimate({ value: 1, low: 0, high: 2, unit: 's', method: 'assumed' }), 'W')).toThrow(/contains zero/);
  });

  it('scales by a negative constant by swapping bounds', () => {
    // [8, 14] × −0.5 = [−7, −4], value −5
    expect(scale(power, -0.5)).toMatchObject({ value: -5, low: -7, high: -4 });
  });

  it('maps an interval through an increasing function', () => {
    // x² on [8, 14]: [64, 196], value 100
    expect(mapIncreasing(power, (x) => x * x, 'W²')).toMatchObject({ value: 100, low: 64, high: 196 });
  });

  it('takes the hull of several estimates', () => {
    const a = estimate({ value: 342, low: 341, high: 342, unit: 'g', method: 'modelled' });
    const b = estimate({ value: 300, unit: 'g', method: 'modelled' });
    // [min(341, 300), max(342, 300)] = [300, 342]; value (342 + 300) / 2 = 321
    expect(hull([a, b])).toMatchObject({ value: 321, low: 300, high: 342 });
  });
});

describe('method and provenance of a combination', () => {
  it('is the weakest part: measured < calibrated < modelled < assumed', () => {
    expect(weakestMethod(['measured', 'calibrated'])).toBe('calibrated');
    expect(weakestMethod(['measured', 'assumed', 'modelled'])).toBe('assumed');
    expect(weakestMethod(['modelled', 'measured', 'assumed'])).toBe('assumed');
    expect(weakestMethod(['measured'])).toBe('measured');
    expect(multiply(power, time, 'J').method).toBe('modelled');
  });
  it('carries reasons and sources of every part, once each', () => {
    const e = multiply(multiply(power, time, 'J'), power, 'J·W');
    expect(e.reasons).toEqual(['profile', 'timer']);
    expect(e.sources.map((s) => s.id)).toEqual(['a', 'b']);
  });
  it('weakenTo never strengthens', () => {
    expect(weakenTo(power, 'measured').method).toBe('modelled');
    expect(weakenTo(power, 'assumed', 'location guessed').method).toBe('assumed');
  });
});

describe('independent inputs with provenance (the analyses’ cases)', () => {
  const a = estimate({ value: 10, low: 8, high: 12, unit: 'J', method: 'measured', reasons: ['timer'], sources: [{ id: 's1' }] });
  const b = estimate({ value: 4, low: 3, high: 5, unit: 'J', method: 'modelled', reasons: ['profile'], sources: [{ id: 's2' }] });

  it('subtracts with the far bounds, [8−5, 12−3], and keeps both parts’ method, reasons and sources', () => {
    const d = subtract(a, b);
    expect([d.low, d.value, d.high]).toEqual([3, 6, 9]);
    expect(d.method).toBe('modelled');
    expect(d.reasons).toEqual(expect.arrayContaining(['timer', 'profile']));
    expect(d.sources.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('divides: [8/5, 12/3] = [1.6, 4], value 2.5', () => {
    const near = (x: number) => expect.closeTo(x, 12);
    expect(divide(a, b, 'ratio')).toMatchObject({ low: near(1.6), value: near(2.5), high: near(4), unit: 'ratio' });
  });

  it('multiplies two intervals that both cross zero by checking every corner', () => {
    const x = estimate({ value: 1, low: -2, high: 3, unit: 'a', method: 'assumed' });
    const y = estimate({ value: 2, low: -1, high: 4, unit: 'b', method: 'measured' });
    // corners: −2·−1=2, −2·4=−8, 3·−1=−3, 3·4=12 → [−8, 12]
    const p = multiply(x, y, 'ab');
    expect([p.low, p.value, p.high]).toEqual([-8, 2, 12]);
  });

  it('adds and sums bounds', () => {
    expect(add(a, b).high).toBe(17);
    const s = sum([a, b, estimate({ value: 1, unit: 'J', method: 'measured' })], 'J');
    expect([s.low, s.value, s.high]).toEqual([12, 15, 18]);
  });

  it('evaluates a formula over every combination of bounds, and its result passes the core schema', () => {
    const r = propagate([a, b], ([x, y]) => (x as number) ** 2 / (y as number), 'J²/J');
    expect(estimateSchema.safeParse(r).success).toBe(true);
    // 12²/3 = 48 is the top corner, 8²/5 = 12.8 the bottom
    expect(r.high).toBeCloseTo(48, 12);
    expect(r.low).toBeCloseTo(12.8, 12);
  });

  it('refuses a result that is not finite rather than hiding it', () => {
    const zeroish = estimate({ value: 1, low: 0, high: 2, unit: 'J', method: 'assumed' });
    expect(() => divide(a, zeroish, 'x')).toThrow(RangeError);
    expect(() => propagate([a, zeroish], ([x, y]) => (x as number) / (y as number), 'x')).toThrow(/not finite/);
  });

  it('says a formula treated its inputs as independent when two or more carry an interval; the named operations do not', () => {
    const exact = estimate({ value: 2, unit: 'J', method: 'measured' });
    expect(propagate([a, b], ([x, y]) => (x as number) - (y as number), 'J').reasons).toContain(INDEPENDENCE_REASON);
    expect(propagate([a, exact], ([x, y]) => (x as number) - (y as number), 'J').reasons).not.toContain(INDEPENDENCE_REASON);
    expect(subtract(a, b).reasons).not.toContain(INDEPENDENCE_REASON);
  });
});

describe('where the two former modules disagreed', () => {
  it('refuses a divisor that crosses zero even when no bound is zero (the box shortcut gave a finite [−1, 1])', () => {
    const one = estimate({ value: 1, unit: 'J', method: 'measured' });
    const across = estimate({ value: 1, low: -1, high: 2, unit: 'J', method: 'modelled' });
    // 1 / [−1, 2] is (−∞, −1] ∪ [0.5, ∞): no interval holds it
    expect(() => divide(one, across, 'ratio')).toThrow(/contains zero/);
  });

  it('sums nothing to an exact 0 that says so, rather than throwing', () => {
    const s = sum([], 'J');
    expect([s.low, s.value, s.high, s.unit]).toEqual([0, 0, 0, 'J']);
    expect(s.reasons).toEqual(['sum of nothing']);
  });

  it('refuses to sum terms in another unit, rather than relabelling them', () => {
    const kWh = estimate({ value: 1, unit: 'kWh', method: 'measured' });
    expect(() => sum([kWh], 'J')).toThrow(/cannot sum kWh into J/);
    expect(() => add(kWh, estimate({ value: 1, unit: 'J', method: 'measured' }))).toThrow(/cannot add kWh and J/);
  });
});

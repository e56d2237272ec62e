import { describe, expect, it } from 'vitest';
import { estimateSchema } from '../core/estimate.js';
import { add, div, mul, point, propagate, range, sub, sum, weakestMethod } from './estimate-ops.js';
import { toJoules } from './energy-units.js';

const src = (id: string) => [{ id }];

describe('weakestMethod', () => {
  it('lets the weakest input decide: measured < calibrated < modelled < assumed', () => {
    expect(weakestMethod(['measured', 'calibrated'])).toBe('calibrated');
    expect(weakestMethod(['modelled', 'measured', 'assumed'])).toBe('assumed');
    expect(weakestMethod(['measured'])).toBe('measured');
  });
});

describe('interval arithmetic', () => {
  const a = range(10, 8, 12, 'J', { method: 'measured', reasons: ['timer'], sources: src('s1') });
  const b = range(4, 3, 5, 'J', { method: 'modelled', reasons: ['profile'], sources: src('s2') });

  it('subtracts with the far bounds: [8−5, 12−3]', () => {
    const d = sub(a, b);
    expect([d.low, d.value, d.high]).toEqual([3, 6, 9]);
    expect(d.method).toBe('modelled');
    expect(d.reasons).toEqual(expect.arrayContaining(['timer', 'profile']));
    expect(d.sources.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('divides: [8/5, 12/3] = [1.6, 4], value 2.5', () => {
    const q = div(a, b, 'ratio');
    expect(q.low).toBeCloseTo(1.6, 12);
    expect(q.value).toBeCloseTo(2.5, 12);
    expect(q.high).toBeCloseTo(4, 12);
    expect(q.unit).toBe('ratio');
  });

  it('multiplies intervals that cross zero by checking every corner', () => {
    const x = range(1, -2, 3, 'a', { method: 'assumed' });
    const y = range(2, -1, 4, 'b', { method: 'measured' });
    // corners: -2·-1=2, -2·4=-8, 3·-1=-3, 3·4=12 → [-8, 12]
    const p = mul(x, y, 'ab');
    expect([p.low, p.value, p.high]).toEqual([-8, 2, 12]);
  });

  it('adds and sums bounds', () => {
    expect(add(a, b).high).toBe(17);
    const s = sum([a, b, point(1, 'J', { method: 'measured' })], 'J');
    expect([s.low, s.value, s.high]).toEqual([12, 15, 18]);
  });

  it('refuses a result that is not finite rather than hiding it', () => {
    const zeroish = range(1, 0, 2, 'J', { method: 'assumed' });
    expect(() => div(a, zeroish, 'x')).toThrow(RangeError);
  });

  it('always returns an estimate the core schema accepts', () => {
    const r = propagate([a, b], ([x, y]) => (x as number) ** 2 / (y as number), 'J²/J');
    expect(estimateSchema.safeParse(r).success).toBe(true);
    // 12²/3 = 48 is the top corner, 8²/5 = 12.8 the bottom
    expect(r.high).toBeCloseTo(48, 12);
    expect(r.low).toBeCloseTo(12.8, 12);
  });

  it('converts kWh to joules with its interval', () => {
    const j = toJoules(range(0.5, 0.4, 0.6, 'kWh', { method: 'assumed' }));
    expect(j.unit).toBe('J');
    expect(j.value).toBeCloseTo(1.8e6, 6);
    expect(j.low).toBeCloseTo(1.44e6, 6);
  });
});

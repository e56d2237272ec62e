import { describe, expect, it } from 'vitest';
import { estimate } from '../estimates/estimate-math.js';
import { rebound, type ReboundResult } from './rebound.js';

const J = (v: number) => estimate({ value: v, unit: 'J', method: 'measured' });

function computed(r: ReturnType<typeof rebound>): ReboundResult {
  if (r.state !== 'computed') throw new Error(`expected computed, got ${r.state}: ${JSON.stringify(r)}`);
  return r;
}

describe('rebound', () => {
  it('backfire case: usage ×3 on a 2.5× efficiency gain', () => {
    // E_base 10 J, E_eff 4 J, 100 uses per period
    // expected saving = (10 − 4)·100 = 600 J; actual = 10·100 − 4·(3·100) = 1000 − 1200 = −200 J
    // R = 1 − (−200 / 600) = 1.3333 > 1 → backfire; break-even multiplier = 10 / 4 = 2.5
    const r = computed(rebound({ baselinePerUse: J(10), efficientPerUse: J(4), usesPerPeriod: 100, growth: { kind: 'multiplier', multiplier: 3 } }));
    expect(r.expectedSavingJ.value).toBeCloseTo(600, 9);
    expect(r.actualSavingJ.value).toBeCloseTo(-200, 9);
    expect(r.rebound.state === 'estimated' && r.rebound.estimate.value).toBeCloseTo(4 / 3, 12);
    expect(r.backfire).toBe('yes');
    expect(r.breakEvenMultiplier.value).toBeCloseTo(2.5, 12);
    expect(r.actualPerPeriodJ.value).toBeCloseTo(1200, 9);
    expect(r.sentence).toMatch(/rebound 133 %/);
    expect(r.sentence).toMatch(/backfire/);
  });

  it('elasticity: growth = (E_base/E_eff)^ε', () => {
    // r = 2.5, ε = 0.5 → g = √2.5 = 1.581139; actual = 1000 − 400·1.581139 = 367.544 J
    // R = 1 − 367.544/600 = 0.387426 = (g − 1)/(r − 1) = 0.581139/1.5
    const r = computed(rebound({ baselinePerUse: J(10), efficientPerUse: J(4), usesPerPeriod: 100, growth: { kind: 'elasticity', elasticity: 0.5 } }));
    expect(r.usageMultiplier.value).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(r.actualSavingJ.value).toBeCloseTo(1000 - 400 * Math.sqrt(2.5), 9);
    expect(r.rebound.state === 'estimated' && r.rebound.estimate.value).toBeCloseTo((Math.sqrt(2.5) - 1) / 1.5, 12);
    expect(r.backfire).toBe('no');
  });

  it('elasticity 1 takes back exactly the whole saving, above 1 backfires', () => {
    const one = computed(rebound({ baselinePerUse: J(10), efficientPerUse: J(4), usesPerPeriod: 1, growth: { kind: 'elasticity', elasticity: 1 } }));
    expect(one.rebound.state === 'estimated' && one.rebound.estimate.value).toBeCloseTo(1, 12);
    expect(one.actualSavingJ.value).toBeCloseTo(0, 9);
    const more = computed(rebound({ baselinePerUse: J(10), efficientPerUse: J(4), usesPerPeriod: 1, growth: { kind: 'elasticity', elasticity: 1.2 } }));
    expect(more.backfire).toBe('yes');
  });

  it('carries the energy intervals into R and flags an uncertain backfire', () => {
    // E_base 10 [9, 11] J, E_eff 4 [3.5, 4.5] J, g = 2.2, 1 use per period
    // R = (g − 1)·E_eff/(E_base − E_eff): value 1.2·4/6 = 0.8; low 1.2·3.5/(11 − 3.5) = 0.56; high 1.2·4.5/(9 − 4.5) = 1.2
    // actual saving = E_base − 2.2·E_eff ∈ [9 − 9.9, 11 − 7.7] = [−0.9, 3.3] → backfire uncertain
    const r = computed(
      rebound({
        baselinePerUse: estimate({ value: 10, low: 9, high: 11, unit: 'J', method: 'measured' }),
        efficientPerUse: estimate({ value: 4, low: 3.5, high: 4.5, unit: 'J', method: 'modelled' }),
        usesPerPeriod: 1,
        growth: { kind: 'multiplier', multiplier: 2.2 },
      }),
    );
    if (r.rebound.state !== 'estimated') throw new Error('R should be bounded');
    expect(r.rebound.estimate.value).toBeCloseTo(0.8, 12);
    expect(r.rebound.estimate.low).toBeCloseTo(0.56, 12);
    expect(r.rebound.estimate.high).toBeCloseTo(1.2, 12);
    expect(r.rebound.estimate.method).toBe('modelled');
    expect(r.actualSavingJ.low).toBeCloseTo(-0.9, 12);
    expect(r.actualSavingJ.high).toBeCloseTo(3.3, 12);
    expect(r.backfire).toBe('uncertain');
    // break-even multiplier r ∈ [9/4.5, 11/3.5] = [2, 3.142857]
    expect(r.breakEvenMultiplier.low).toBeCloseTo(2, 12);
    expect(r.breakEvenMultiplier.high).toBeCloseTo(11 / 3.5, 12);
  });

  it('builds a horizon series with the growth ramping in', () => {
    // ramp 2: g_1 = 1 + (3 − 1)·½ = 2, g_2 = g_3 = 3; per-period saving = 1000 − 400·g_t = 200, −200, −200
    // cumulative actual 200, 0, −200; cumulative expected 600, 1200, 1800
    const r = computed(
      rebound({ baselinePerUse: J(10), efficientPerUse: J(4), usesPerPeriod: 100, growth: { kind: 'multiplier', multiplier: 3 }, horizon: { periods: 3, rampPeriods: 2 } }),
    );
    expect(r.horizon.map((p) => p.usageMultiplier.value)).toEqual([2, 3, 3]);
    expect(r.horizon.map((p) => Math.round(p.actualSavingJ.value))).toEqual([200, -200, -200]);
    expect(r.horizon.map((p) => Math.round(p.cumulativeActualSavingJ.value))).toEqual([200, 0, -200]);
    expect(r.horizon.map((p) => Math.round(p.cumulativeExpectedSavingJ.value))).toEqual([600, 1200, 1800]);
  });

  it('works in kWh and reports joules', () => {
    // 0.002 kWh = 7200 J, 0.001 kWh = 3600 J, 10 uses → expected 36 000 J
    const r = computed(
      rebound({ baselinePerUse: estimate({ value: 0.002, unit: 'kWh', method: 'assumed' }), efficientPerUse: estimate({ value: 0.001, unit: 'kWh', method: 'assumed' }), usesPerPeriod: 10, growth: { kind: 'multiplier', multiplier: 1 } }),
    );
    expect(r.expectedSavingJ.value).toBeCloseTo(36_000, 6);
    expect(r.rebound.state === 'estimated' && r.rebound.estimate.value).toBeCloseTo(0, 12);
  });

  it('says R is unbounded when the efficient variant may save nothing', () => {
    const r = computed(
      rebound({ baselinePerUse: estimate({ value: 10, low: 8, high: 12, unit: 'J', method: 'modelled' }), efficientPerUse: estimate({ value: 9, low: 8.5, high: 9.5, unit: 'J', method: 'modelled' }), usesPerPeriod: 1, growth: { kind: 'multiplier', multiplier: 1.05 } }),
    );
    expect(r.rebound.state).toBe('unbounded');
  });

  it('reports no expected saving when the "efficient" variant is not', () => {
    const r = rebound({ baselinePerUse: J(4), efficientPerUse: J(5), usesPerPeriod: 1, growth: { kind: 'multiplier', multiplier: 2 } });
    expect(r.state).toBe('no-expected-saving');
  });

  it('rejects bad inputs with what to do', () => {
    const r = rebound({ baselinePerUse: estimate({ value: 10, unit: 'W', method: 'measured' }), efficientPerUse: J(0), usesPerPeriod: -1, growth: { kind: 'multiplier', multiplier: Number.NaN } });
    if (r.state !== 'invalid') throw new Error(r.state);
    expect(r.problems.join('\n')).toMatch(/"W" but must be in/);
    expect(r.problems.join('\n')).toMatch(/efficient energy per use must be greater than 0/);
    expect(r.problems.join('\n')).toMatch(/uses per period must be greater than 0/);
    expect(r.problems.join('\n')).toMatch(/usage multiplier must be a finite number/);
  });
});

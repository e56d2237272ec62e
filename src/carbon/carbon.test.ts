import { describe, expect, it } from 'vitest';
import { estimate } from '../estimates/estimate-math.js';
import { embodiedPerInference, sciPerInference } from './embodied.js';
import { operationalCarbon } from './operational.js';

const e = (value: number, low: number, high: number, unit: string) => estimate({ value, low, high, unit, method: 'modelled' });

describe('operational carbon', () => {
  it('is kWh × g/kWh with the interval carried through', () => {
    // 0.3528 J [0.189, 0.567] ÷ 3 600 000 = 9.8e-8 kWh [5.25e-8, 1.575e-7]
    // × 342 g/kWh [341, 342]: value 9.8e-8 × 342 = 3.3516e-5 g; low 5.25e-8 × 341 = 1.79025e-5 g; high 1.575e-7 × 342 = 5.3865e-5 g
    const c = operationalCarbon(e(0.3528, 0.189, 0.567, 'J'), e(342, 341, 342, 'gCO2e/kWh'));
    expect(c.unit).toBe('gCO2e');
    expect(c.value).toBeCloseTo(3.3516e-5, 15);
    expect(c.low).toBeCloseTo(1.79025e-5, 15);
    expect(c.high).toBeCloseTo(5.3865e-5, 15);
  });
  it('refuses energy in the wrong unit', () => {
    expect(() => operationalCarbon(e(1, 1, 1, 'Wh'), e(342, 342, 342, 'gCO2e/kWh'))).toThrow(/must be in J/);
  });
});

describe('embodied carbon per inference (SCI M)', () => {
  // phone: TE 52.8 kg [45.6, 84]; lifetime 3 years [2, 5]; use ratio 0.3; one inference reserves 20 ms
  const phone = {
    totalKgCO2e: e(52.8, 45.6, 84, 'kgCO2e'),
    lifetimeYears: e(3, 2, 5, 'years'),
    useRatio: e(0.3, 0.3, 0.3, 'fraction'),
    reservedS: e(0.02, 0.02, 0.02, 's'),
  };
  const year = 365.25 * 24 * 3600; // 31 557 600 s

  it('over the wall-clock life: TE × TiR / (lifetime in s)', () => {
    const m = embodiedPerInference(phone, 'wall-clock');
    // value 52 800 g × 0.02 s / (3 × 31 557 600 s) = 1056 / 94 672 800 = 1.115420e-5 g
    expect(m.value).toBeCloseTo(1056 / (3 * year), 15);
    expect(m.value).toBeCloseTo(1.11542e-5, 10);
    // low 45 600 × 0.02 / (5 × 31 557 600) = 912 / 157 788 000 = 5.77991e-6 g
    expect(m.low).toBeCloseTo(912 / (5 * year), 15);
    // high 84 000 × 0.02 / (2 × 31 557 600) = 1680 / 63 115 200 = 2.66180e-5 g
    expect(m.high).toBeCloseTo(1680 / (2 * year), 15);
    expect(m.unit).toBe('gCO2e');
  });

  it('over the active-use hours: the same divided by the use ratio (×3.33 here)', () => {
    const m = embodiedPerInference(phone, 'active-use');
    // value 1056 / (3 × 31 557 600 × 0.3) = 1056 / 28 401 840 = 3.718067e-5 g
    expect(m.value).toBeCloseTo(1056 / (3 * year * 0.3), 15);
    expect(m.low).toBeCloseTo(912 / (5 * year * 0.3), 15);
    expect(m.high).toBeCloseTo(1680 / (2 * year * 0.3), 15);
    expect(m.value / embodiedPerInference(phone, 'wall-clock').value).toBeCloseTo(1 / 0.3, 12);
    expect(m.reasons.join(' ')).toMatch(/active-use hours/);
  });

  it('scales with the reserved share of the device (RR/ToR)', () => {
    const half = embodiedPerInference({ ...phone, resourceShare: e(0.5, 0.5, 0.5, 'fraction') }, 'wall-clock');
    expect(half.value).toBeCloseTo(0.5 * (1056 / (3 * year)), 15);
  });
});

describe('SCI per inference', () => {
  it('adds operational and embodied and divides by the functional unit', () => {
    const o = e(3.3516e-5, 1.79025e-5, 5.3865e-5, 'gCO2e');
    const m = e(1.11542e-5, 5.77991e-6, 2.6618e-5, 'gCO2e');
    // (3.3516e-5 + 1.11542e-5) = 4.46702e-5 g; low 1.79025e-5 + 5.77991e-6 = 2.368241e-5; high 5.3865e-5 + 2.6618e-5 = 8.0483e-5
    const s = sciPerInference(o, m);
    expect(s.value).toBeCloseTo(4.46702e-5, 15);
    expect(s.low).toBeCloseTo(2.368241e-5, 15);
    expect(s.high).toBeCloseTo(8.0483e-5, 15);
    // had E·I and M been totals over 1000 inferences, R = 1000 gives 4.46702e-5 / 1000 = 4.46702e-8 g each
    expect(sciPerInference(o, m, 1000).value).toBeCloseTo(4.46702e-8, 18);
    expect(() => sciPerInference(o, m, 0)).toThrow(/positive/);
  });
});

import { describe, expect, it } from 'vitest';
import { estimate } from '../estimates/estimate-math.js';
import { toJoules } from './energy-units.js';

describe('toJoules', () => {
  it('converts kWh to joules with its interval', () => {
    const j = toJoules(estimate({ value: 0.5, low: 0.4, high: 0.6, unit: 'kWh', method: 'assumed' }));
    expect(j.unit).toBe('J');
    expect(j.value).toBeCloseTo(1.8e6, 6);
    expect(j.low).toBeCloseTo(1.44e6, 6);
  });

  it('refuses a unit that is not energy, naming the ones it takes', () => {
    expect(() => toJoules(estimate({ value: 2, unit: 'W', method: 'measured' }))).toThrow(/"W" is not an energy unit \(use one of mJ, J/);
  });
});

import { describe, expect, it } from 'vitest';
import { describeIntensitySource } from '../intensity-source.case.js';
import { chosenLocation } from '../location.js';
import { userValueSource } from './user-value.js';

describeIntensitySource('user value (valid)', {
  make: () => userValueSource({ gPerKWh: 250, low: 200, high: 300, note: 'my supplier', country: 'FRA' }),
  live: false,
  covered: chosenLocation('FRA'),
  uncovered: chosenLocation('DEU'),
});

describe('user value', () => {
  it('keeps the value and range and marks it an assumption', async () => {
    const r = await userValueSource({ gPerKWh: 250, low: 200, high: 300 }).current({ location: chosenLocation('FRA') });
    expect(r).toMatchObject({ state: 'ok', intensity: { value: 250, low: 200, high: 300, method: 'assumed' } });
  });
  it('refuses a negative or inconsistent value with a reason', async () => {
    const neg = await userValueSource({ gPerKWh: -5 }).current({ location: chosenLocation('FRA') });
    expect(neg).toMatchObject({ state: 'unsupported' });
    if (neg.state === 'unsupported') expect(neg.reason).toMatch(/cannot be negative/);
    const bad = await userValueSource({ gPerKWh: 100, low: 150 }).current({ location: chosenLocation('FRA') });
    if (bad.state !== 'unsupported') throw new Error('expected unsupported');
    expect(bad.reason).toMatch(/low ≤ value ≤ high/);
  });
});

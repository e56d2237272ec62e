import { describe, expect, it } from 'vitest';
import { estimate } from '../estimates/estimate-math.js';
import { carbonByRegion, carbonBySeries } from './carbon-scenarios.js';

const oneJoule = estimate({ value: 1, low: 0.5, high: 2, unit: 'J', method: 'modelled' });

describe('carbon by region and by hour', () => {
  it('prices the same joule in France and India with their yearly averages', async () => {
    const [fra, ind, nowhere] = await carbonByRegion(oneJoule, ['FRA', 'ind', 'XYZ']);
    // 1 J = 1 / 3 600 000 kWh; × 44.18 g/kWh (Ember FRA) = 1.22722e-5 g; × 708.96 (IND) = 1.96933e-4 g
    expect(fra?.carbonG?.value).toBeCloseTo(44.18 / 3.6e6, 15);
    expect(ind?.carbonG?.value).toBeCloseTo(708.96 / 3.6e6, 15);
    expect((ind?.carbonG?.value ?? 0) / (fra?.carbonG?.value ?? 1)).toBeGreaterThan(15);
    expect(nowhere).toMatchObject({ country: 'XYZ', carbonG: null });
  });

  it('prices it per period of a live series', () => {
    const rows = carbonBySeries(oneJoule, [
      { from: '2026-01-01T00:00Z', to: '2026-01-01T00:30Z', gPerKWh: 180, kind: 'actual' },
      { from: '2026-01-01T00:30Z', to: '2026-01-01T01:00Z', gPerKWh: 90, kind: 'forecast' },
    ]);
    // 180 / 3.6e6 = 5e-5 g [2.5e-5, 1e-4]; 90 / 3.6e6 = 2.5e-5 g
    expect(rows[0]?.carbonG).toMatchObject({ method: 'modelled' });
    expect(rows[0]?.carbonG.value).toBeCloseTo(5e-5, 15);
    expect(rows[0]?.carbonG.low).toBeCloseTo(2.5e-5, 15);
    expect(rows[1]?.carbonG.value).toBeCloseTo(2.5e-5, 15);
  });
});

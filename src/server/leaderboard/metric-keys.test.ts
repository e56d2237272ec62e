import { describe, expect, it } from 'vitest';
import { ESTIMATE_KEYS } from '../../estimates/estimate-cell.js';
import { UNIT } from '../../estimates/units.js';
import { METRIC_ESTIMATE_KEYS, extractEstimatedMetrics } from './metric-keys.js';
import { makeCompletedResult } from './test-fixtures.js';

describe('leaderboard metric keys', () => {
  it('are keys and units the estimation stage writes', () => {
    for (const { key, unit } of Object.values(METRIC_ESTIMATE_KEYS)) {
      expect(ESTIMATE_KEYS as readonly string[]).toContain(key);
      expect(Object.values(UNIT) as string[]).toContain(unit);
    }
  });

  it('reads the three ranked estimates of a record, and reports one in a wrong unit', () => {
    const r = makeCompletedResult({ medianMs: 10, powerW: 2 });
    const energy = extractEstimatedMetrics(r).values.energy;
    expect(energy?.method).toBe('modelled');
    expect(energy?.value).toBeCloseTo(0.02, 12); // 2 W × 10 ms
    r.estimates!.energyAttributableJ!.unit = 'Wh';
    const { values, notes } = extractEstimatedMetrics(r);
    expect(values.energy).toBeUndefined();
    expect(notes).toEqual(['estimate "energyAttributableJ" ignored: unit "Wh" is not "J"']);
  });
});

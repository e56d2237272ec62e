import { describe, expect, it } from 'vitest';
import { METRIC_ESTIMATE_KEYS } from '../../server/leaderboard/metric-keys.js';
import { makeCompletedResult } from '../../server/leaderboard/test-fixtures.js';
import { deviceStanding, METRIC_ESTIMATE_KEY } from './device-standing.js';
import type { AggregateRowView } from './leaderboard-client.js';
import { positionText } from './standing-table.js';

const agg = (median: number) => ({ n: 3, median, p25: median * 0.9, p75: median * 1.1, low: null, high: null, methods: ['modelled'] });
const row = (latencyMs: number, o: Partial<AggregateRowView> = {}): AggregateRowView => ({
  scope: 'device',
  modelId: 'mlp-s',
  variant: 'fp32',
  runtime: 'ort',
  backend: 'wasm',
  deviceClass: 'laptop',
  deviceId: '0123456789abcdef',
  deviceLabel: 'laptop · Linux',
  n: 3,
  latencyMs: agg(latencyMs),
  energyJ: agg(latencyMs * 1e-3),
  carbonGCO2e: null,
  sciGCO2e: null,
  ...o,
});

describe('deviceStanding', () => {
  it('reads the same estimates the server ranks by', () => {
    for (const [metric, key] of Object.entries(METRIC_ESTIMATE_KEY)) {
      expect(METRIC_ESTIMATE_KEYS[metric as keyof typeof METRIC_ESTIMATE_KEYS].key).toBe(key);
    }
  });

  it('places the median of own results among public rows of the same cell only', () => {
    const own = [makeCompletedResult({ seed: 1, modelId: 'mlp-s', medianMs: 4 }), makeCompletedResult({ seed: 2, modelId: 'mlp-s', medianMs: 6 }), makeCompletedResult({ seed: 3, modelId: 'mlp-s', medianMs: 50 })];
    const rows = [row(2), row(5), row(20), row(40), row(1, { backend: 'webgpu' }), row(1, { variant: 'int8' })];
    const [s] = deviceStanding(own, rows, 'latency');
    expect(s).toMatchObject({ modelId: 'mlp-s', backend: 'wasm', publicRows: 4, beats: 2, beatenBy: 2, best: 2, worst: 40 });
    expect(s!.mine).toEqual({ value: 6, n: 3, methods: ['measured'] });
    expect(positionText(s!, 'latency')).toBe('faster than 2 of 4 public rows (public range 2.00 ms–40.0 ms)');
  });

  it('says so when there is nothing to compare with, or no own estimate', () => {
    const withoutEnergy = makeCompletedResult({ modelId: 'cnn-s', powerW: null });
    const [s] = deviceStanding([withoutEnergy], [row(3)], 'energy');
    expect(s!.publicRows).toBe(0);
    expect(s!.mine).toBeNull();
    expect(positionText(s!, 'energy')).toContain('no own estimate');
    const [t] = deviceStanding([makeCompletedResult({ modelId: 'cnn-s' })], [], 'energy');
    expect(positionText(t!, 'energy')).toBe('no public rows of this cell to compare with yet');
  });
});

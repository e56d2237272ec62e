import { describe, expect, it } from 'vitest';
import { createEstimator } from '../client/estimation-stage.js';
import type { CompletedResult } from '../core/result-schema.js';
import { environment } from '../energy/test-support/environments.js';
import { estimate } from '../estimates/estimate-math.js';
import { completedResult } from '../estimates/test-support/completed-result.js';
import { loadEstimationSettings, loadStoredSettings, saveStoredSettings, type StoredCalibration, updateStoredSettings, withCalibration, withoutCalibration } from './estimation-settings-store.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), raw: m };
}
const KEY = 'edgewatt.estimation-settings.v1';
const w = (value: number) => estimate({ value, unit: 'W', method: 'calibrated' });
const cal = (over: Partial<StoredCalibration> = {}): StoredCalibration => ({
  profileId: 'class:laptop', backend: 'wasm', threads: 1, attributableW: w(5), idleW: w(4), measuredAt: '2026-01-01T00:00:00Z', ...over,
});

describe('estimation settings store', () => {
  it('keeps a chosen location as the person’s choice, so carbon figures are not marked assumed', async () => {
    const storage = memoryStorage();
    saveStoredSettings({ location: { country: 'DEU' } }, storage);
    const settings = loadEstimationSettings(storage);
    expect(settings.location).toMatchObject({ country: 'DEU', origin: 'user' });
    const { estimator } = await createEstimator(environment(), settings);
    const r = estimator(completedResult()) as CompletedResult;
    expect(r.estimates?.gridIntensityGPerKWh?.method).toBe('modelled');
  });

  it('round-trips a profile pick, an edited profile and live API addresses', () => {
    const storage = memoryStorage();
    saveStoredSettings({ profile: { kind: 'choice', choice: { kind: 'class', id: 'phone' } }, liveBaseUrls: { uk: 'http://127.0.0.1:9/ok' } }, storage);
    expect(loadEstimationSettings(storage)).toMatchObject({ profileChoice: { kind: 'class', id: 'phone' }, liveBaseUrls: { uk: 'http://127.0.0.1:9/ok' } });
  });

  it('refuses a live address that is not http(s), naming the field', () => {
    expect(() => saveStoredSettings({ liveBaseUrls: { uk: 'javascript:alert(1)' } }, memoryStorage())).toThrow(/http\(s\) address/);
  });

  it('keeps the good fields when one stored field is broken', () => {
    const storage = memoryStorage({ [KEY]: JSON.stringify({ allowLive: true, location: { country: 'FRA' }, calibrations: [{ profileId: 'x' }] }) });
    expect(loadStoredSettings(storage)).toEqual({ allowLive: true, location: { country: 'FRA' } });
    expect(loadStoredSettings(memoryStorage({ [KEY]: '{not json' }))).toEqual({});
  });

  it('keeps one calibration per profile × backend × threads: a new one replaces the old', () => {
    const storage = memoryStorage();
    updateStoredSettings((s) => withCalibration(s, cal()), storage);
    updateStoredSettings((s) => withCalibration(s, cal({ threads: 2 })), storage);
    updateStoredSettings((s) => withCalibration(s, cal({ attributableW: w(7), measuredAt: '2026-03-01T00:00:00Z' })), storage);
    const stored = loadStoredSettings(storage).calibrations ?? [];
    expect(stored.map((c) => [c.threads, c.attributableW.value])).toEqual([[2, 5], [1, 7]]);
    expect(loadEstimationSettings(storage).calibrations).toHaveLength(2);
    const after = updateStoredSettings((s) => withoutCalibration(s, cal({ threads: 2 })), storage);
    expect(after.calibrations?.map((c) => c.threads)).toEqual([1]);
  });
});

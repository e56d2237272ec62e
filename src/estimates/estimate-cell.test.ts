import { describe, expect, it } from 'vitest';
import { estimateSchema } from '../core/estimate.js';
import { completedResultSchema } from '../core/result-schema.js';
import type { IntensityResult } from '../carbon/intensity-source.js';
import { chosenLocation, guessLocationFromTimeZone } from '../carbon/location.js';
import { staticYearlySource } from '../carbon/sources/static-yearly.js';
import { matchDevice } from '../energy/match-device.js';
import { adapter, environment } from '../energy/test-support/environments.js';
import { ESTIMATE_KEYS, estimateCell } from './estimate-cell.js';
import { estimate } from './estimate-math.js';
import { completedResult } from './test-support/completed-result.js';

const laptopEnv = environment({
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0.0.0',
  uaData: { platform: 'Windows', mobile: false, model: '' },
  hardwareConcurrency: 2,
  crossOriginIsolated: true,
  gpu: adapter({ vendor: 'nvidia', description: 'NVIDIA GeForce RTX 3060 Laptop GPU' }),
});
const germany = async (origin: 'user' | 'timezone' = 'user'): Promise<IntensityResult> => {
  const location = origin === 'user' ? chosenLocation('DEU') : guessLocationFromTimeZone('Europe/Berlin');
  return staticYearlySource().current({ location });
};

describe('estimateCell', () => {
  it('fills every stable key with an interval, method, reasons and the data versions, and the record still validates', async () => {
    const record = completedResult();
    const out = estimateCell(record, laptopEnv, { intensity: await germany() });
    expect(Object.keys(out.estimates).sort()).toEqual([...ESTIMATE_KEYS].sort());
    for (const [k, e] of Object.entries(out.estimates)) {
      expect(estimateSchema.safeParse(e).success, k).toBe(true);
      expect(e.reasons.length, k).toBeGreaterThan(0);
      expect(e.sources.map((s) => s.id), k).toContain('data:power-profiles@1.0.0');
    }
    expect(out.dataVersions).toEqual({ powerProfiles: 'power-profiles@1.0.0', gridIntensity: 'grid-intensity@1.0.0', co2js: '@tgwf/co2@0.19.0' });
    expect(completedResultSchema.safeParse({ ...record, estimates: out.estimates }).success).toBe(true);
  });

  it('chains the formulas: energy from the Teads model, carbon = kWh × g/kWh, SCI = operational + embodied', async () => {
    const out = estimateCell(completedResult(), laptopEnv, { intensity: await germany() });
    const e = out.estimates;
    // 1 WASM thread of 2 cores: 0.63 × TDP [15, 28, 45] = [9.45, 17.64, 28.35] W × latency [0.019, 0.020, 0.022] s
    //   = value 0.3528 J, low 9.45 × 0.019 = 0.17955 J, high 28.35 × 0.022 = 0.6237 J
    expect(e.energyAttributableJ?.value).toBeCloseTo(0.3528, 9);
    expect(e.energyAttributableJ?.low).toBeCloseTo(0.17955, 9);
    expect(e.energyAttributableJ?.high).toBeCloseTo(0.6237, 9);
    // × Germany [341, 342.06, 342.06] g/kWh ÷ 3.6e6: value 0.3528 × 342.06 / 3.6e6 = 3.35219e-5 g
    expect(e.carbonOperationalG?.value).toBeCloseTo((0.3528 * 342.06) / 3.6e6, 15);
    expect(e.carbonOperationalG?.low).toBeCloseTo((0.17955 * 341) / 3.6e6, 15);
    // laptop embodied 235.9 kg over 4 years wall-clock for 0.020 s: 235 900 × 0.02 / (4 × 31 557 600) = 3.73729e-5 g
    expect(e.embodiedWallClockG?.value).toBeCloseTo((235_900 * 0.02) / (4 * 31_557_600), 15);
    expect((e.embodiedActiveUseG?.value ?? 0) / (e.embodiedWallClockG?.value ?? 1)).toBeCloseTo(1 / 0.3, 9);
    expect(e.sciWallClockG?.value).toBeCloseTo((e.carbonOperationalG?.value ?? 0) + (e.embodiedWallClockG?.value ?? 0), 15);
    expect(e.energyAttributableJ?.method).toBe('modelled');
  });

  it('marks carbon "assumed" when the location was only guessed from the time zone', async () => {
    const out = estimateCell(completedResult(), laptopEnv, { intensity: await germany('timezone') });
    expect(out.estimates.gridIntensityGPerKWh?.method).toBe('assumed');
    expect(out.estimates.carbonOperationalG?.method).toBe('assumed');
    expect(out.estimates.energyAttributableJ?.method).toBe('modelled');
  });

  it('leaves carbon out, with a note, when no intensity is available', () => {
    const out = estimateCell(completedResult(), laptopEnv, { intensity: { sourceId: 'static-yearly', label: 'x', state: 'unsupported', reason: 'no data for XYZ' } });
    expect(out.estimates.carbonOperationalG).toBeUndefined();
    expect(out.estimates.energyAttributableJ).toBeDefined();
    expect(out.notes.join(' ')).toMatch(/carbon figures not computed: no data for XYZ/);
  });

  it('replaces modelled energy with RAPL-measured energy per inference', async () => {
    // 50 samples × 1 run = 50 inferences; phase 12 J, baseline 2 J → attributable 10 J / 50 = 0.2 J, busy 12 / 50 = 0.24 J
    const out = estimateCell(completedResult(), laptopEnv, {
      intensity: await germany(),
      rapl: { state: 'measured', phaseJ: 12, baselineJ: 2, attributableJ: 10, phaseMs: 1000, baselineMs: 1000, zones: ['intel-rapl:0 (package-0)'], wrapped: false },
    });
    expect(out.estimates.energyAttributableJ).toMatchObject({ value: 0.2, low: 0.2, high: 0.2, method: 'measured' });
    expect(out.estimates.energyBusyJ?.value).toBeCloseTo(0.24, 12);
    expect(out.estimates.powerAttributableW?.value).toBeCloseTo(10, 12);
    // operational carbon now rests on the measured energy: 0.2 J × 342.06 / 3.6e6
    expect(out.estimates.carbonOperationalG?.value).toBeCloseTo((0.2 * 342.06) / 3.6e6, 15);
  });

  it('says so in the results when RAPL is absent', async () => {
    const out = estimateCell(completedResult(), laptopEnv, { intensity: await germany(), rapl: { state: 'absent', reason: 'no intel-rapl:* zones' } });
    expect(out.estimates.energyAttributableJ?.method).toBe('modelled');
    expect(out.estimates.energyAttributableJ?.reasons.join(' ')).toMatch(/RAPL absent: no intel-rapl/);
    expect(out.notes[0]).toMatch(/RAPL absent/);
  });

  it('uses a matching battery calibration, marked calibrated, and ignores one made on another backend', async () => {
    const profile = matchDevice(laptopEnv);
    const cal = {
      profileId: profile.id, backend: 'wasm' as const, threads: 1, measuredAt: '2026-01-01T00:00:00Z',
      attributableW: estimate({ value: 8, low: 7, high: 9, unit: 'W', method: 'calibrated' }),
      idleW: estimate({ value: 6, low: 5, high: 7, unit: 'W', method: 'calibrated' }),
    };
    const out = estimateCell(completedResult(), laptopEnv, { profile, intensity: await germany(), calibration: cal });
    // 8 W × 0.020 s = 0.16 J; low 7 × 0.019 = 0.133 J; high 9 × 0.022 = 0.198 J
    expect(out.estimates.energyAttributableJ?.method).toBe('calibrated');
    expect(out.estimates.energyAttributableJ?.value).toBeCloseTo(0.16, 12);
    expect(out.estimates.energyAttributableJ?.low).toBeCloseTo(0.133, 12);
    // busy: (8 + 6) W × 0.020 s = 0.28 J
    expect(out.estimates.energyBusyJ?.value).toBeCloseTo(0.28, 12);
    const other = estimateCell(completedResult({ effectiveBackend: 'webgpu' }), laptopEnv, { profile, intensity: await germany(), calibration: cal });
    expect(other.estimates.energyAttributableJ?.method).toBe('modelled');
    expect(other.notes.join(' ')).toMatch(/battery calibration not used/);
  });
});

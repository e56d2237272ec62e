import { describe, expect, it } from 'vitest';
import { chosenLocation } from '../carbon/location.js';
import type { CompletedResult } from '../core/result-schema.js';
import { matchDevice } from '../energy/match-device.js';
import { environment } from '../energy/test-support/environments.js';
import type { DeviceCalibration } from '../estimates/estimate-cell.js';
import { estimate } from '../estimates/estimate-math.js';
import { completedResult } from '../estimates/test-support/completed-result.js';
import { createEstimator, effectiveProfile, pickCalibration } from './estimation-stage.js';

const env = environment();
const germany = chosenLocation('DEU');
const watts = (value: number) => estimate({ value, low: value * 0.9, high: value * 1.1, unit: 'W', method: 'calibrated' });
const cal = (over: Partial<DeviceCalibration>): DeviceCalibration => ({
  profileId: matchDevice(env).id, backend: 'wasm', threads: 1, attributableW: watts(8), idleW: watts(6), measuredAt: '2026-01-01T00:00:00Z', ...over,
});

describe('pickCalibration', () => {
  it('takes the calibration of the same profile, backend and threads, else the newest of the profile, else none', () => {
    const wasm1 = cal({ measuredAt: '2026-01-01T00:00:00Z' });
    const gpu = cal({ backend: 'webgpu', measuredAt: '2026-02-01T00:00:00Z' });
    const other = cal({ profileId: 'class:phone' });
    expect(pickCalibration([gpu, wasm1, other], wasm1.profileId, { effectiveBackend: 'wasm', threads: 1 })).toBe(wasm1);
    expect(pickCalibration([gpu, wasm1, other], wasm1.profileId, { effectiveBackend: 'wasm', threads: 4 })).toBe(gpu);
    expect(pickCalibration([other], wasm1.profileId, { effectiveBackend: 'wasm', threads: 1 })).toBeUndefined();
  });
});

describe('effectiveProfile', () => {
  it('uses a picked class, and falls back to the match with a note when the pick no longer exists', () => {
    expect(effectiveProfile(env, { profileChoice: { kind: 'class', id: 'phone' } }).profile).toMatchObject({ id: 'class:phone', confidence: 'user' });
    const gone = effectiveProfile(env, { profileChoice: { kind: 'device', id: 'no-such-phone' } });
    expect(gone.profile.id).toBe(matchDevice(env).id);
    expect(gone.note).toMatch(/your profile choice was not used.*no-such-phone/);
  });
});

describe('createEstimator with the stored settings', () => {
  it('makes the energy of a cell with a matching calibration "calibrated" and says why another cell kept the model', async () => {
    const { estimator } = await createEstimator(env, { location: germany, calibrations: [cal({})] });
    const same = estimator(completedResult()) as CompletedResult;
    const gpu = estimator(completedResult({ effectiveBackend: 'webgpu' })) as CompletedResult;
    // 8 W attributable × 20 ms median = 0.16 J
    expect(same.estimates?.energyAttributableJ).toMatchObject({ method: 'calibrated' });
    expect(same.estimates?.energyAttributableJ?.value).toBeCloseTo(0.16, 9);
    expect(gpu.estimates?.energyAttributableJ?.method).not.toBe('calibrated');
    expect(gpu.estimation?.notes.join(' ')).toMatch(/battery calibration not used/);
  });
});

import { describe, expect, it } from 'vitest';
import { deviceProfileSchema } from './device-profile.js';
import { matchDevice } from './match-device.js';
import { adapter, environment, swiftShader } from './test-support/environments.js';

describe('matchDevice', () => {
  it('recognises a Pixel 7 from its UA-CH model and uses its SoC clusters and battery', () => {
    const p = matchDevice(environment({
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      uaData: { platform: 'Android', mobile: true, model: 'Pixel 7' },
      hardwareConcurrency: 8,
      gpu: adapter({ vendor: 'arm', architecture: 'valhall' }),
    }));
    expect(p).toMatchObject({ id: 'device:pixel-7', deviceClass: 'phone', confidence: 'device', logicalCores: 8 });
    expect(p.cpu.model).toBe('clusters');
    // 4270-4356 mAh × 3.70-3.88 V: 4270 × 3.70 / 1000 = 15.799 Wh … 4356 × 3.88 / 1000 = 16.90128 Wh
    expect(p.batteryWh?.low).toBeCloseTo(15.799, 3);
    expect(p.batteryWh?.high).toBeCloseTo(16.9013, 3);
    expect(p.embodiedKgCO2e.value).toBe(58.8);
    expect(p.gpu).toMatchObject({ kind: 'hardware', gpuKind: 'mobile' });
    expect(deviceProfileSchema.safeParse(p).success).toBe(true);
  });

  it('says SwiftShader is a CPU-emulated GPU and keeps laptop-or-desktop ranges on headless Linux', () => {
    const p = matchDevice(environment({ gpu: swiftShader }));
    expect(p.gpu.kind).toBe('emulated');
    expect(p.reasons.join(' ')).toMatch(/SwiftShader is a CPU implementation/);
    expect(p.deviceClass).toBe('computer');
    expect(p.confidence).toBe('class');
    // TDP hull of laptop [15, 45] and desktop [65, 170]: [15, 170], value (28 + 105) / 2 = 66.5
    expect(p.cpu).toMatchObject({ model: 'teads', tdpW: { low: 15, value: 66.5, high: 170 } });
  });

  it('treats an adapter flagged isFallbackAdapter as emulated whatever its name', () => {
    const p = matchDevice(environment({ gpu: adapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver', isFallbackAdapter: null }) }));
    expect(p.gpu.kind).toBe('emulated');
  });

  it('matches a laptop GPU by its description and infers a laptop', () => {
    const p = matchDevice(environment({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0.0.0',
      uaData: { platform: 'Windows', mobile: false, model: '' },
      hardwareConcurrency: 16,
      gpu: adapter({ vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060 Laptop GPU' }),
    }));
    expect(p).toMatchObject({ deviceClass: 'laptop', confidence: 'parts', gpu: { kind: 'hardware', classId: 'rtx-3060-laptop' } });
    expect(p.gpu.kind === 'hardware' && [p.gpu.activeW.low, p.gpu.activeW.high]).toEqual([60, 115]);
  });

  it('uses the Apple M package range for a Mac with an Apple GPU', () => {
    const p = matchDevice(environment({
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/156.0.0.0',
      uaData: { platform: 'macOS', mobile: false, model: '' },
      hardwareConcurrency: 8,
      gpu: adapter({ vendor: 'apple', architecture: 'metal-3' }),
    }));
    expect(p.confidence).toBe('parts');
    expect(p.cpu).toMatchObject({ model: 'teads', tdpW: { low: 10, value: 22, high: 35 } });
    expect(p.gpu).toMatchObject({ kind: 'hardware', classId: 'apple-m-gpu' });
  });

  it('gives an iPhone the phone class and a mobile GPU, not the Mac GPU range', () => {
    const p = matchDevice(environment({
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1',
      uaData: null,
      hardwareConcurrency: 6,
      gpu: adapter({ vendor: 'apple', architecture: 'common-3' }),
    }));
    expect(p).toMatchObject({ deviceClass: 'phone', confidence: 'class', gpu: { gpuKind: 'mobile' } });
    expect(p.reasons.join(' ')).toMatch(/iOS does not tell the model/);
  });

  it('falls back to the phone class for an Android model it does not know, and says so', () => {
    const p = matchDevice(environment({ uaData: { platform: 'Android', mobile: true, model: 'SM-S918B' }, hardwareConcurrency: 8 }));
    expect(p).toMatchObject({ id: 'class:phone', confidence: 'class', cpu: { model: 'cores' } });
    expect(p.reasons.join(' ')).toMatch(/"SM-S918B" is not in the power table/);
  });

  it('widens to every class when the platform is unknown, never a point', () => {
    const p = matchDevice(environment({ userAgent: 'curl/8.0', uaData: null, hardwareConcurrency: 0 }));
    expect(p).toMatchObject({ deviceClass: 'any', confidence: 'unknown', logicalCores: null });
    // phone all-cores low 3.03 W … desktop TDP high 170 W
    expect(p.cpu).toMatchObject({ model: 'teads', tdpW: { low: 3.03, high: 170 } });
    for (const r of [p.idleW, p.embodiedKgCO2e, p.lifetimeYears]) expect(r.high).toBeGreaterThan(r.low);
  });
});

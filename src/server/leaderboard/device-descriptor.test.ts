import { describe, expect, it } from 'vitest';
import type { Environment } from '../../core/environment.js';
import { describeDevice } from '../../core/device-descriptor.js';
import { deviceRecordOf } from './device-identity.js';
import { deviceDescriptorSchema } from '../../core/submission-schema.js';

const base: Environment = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36',
  uaData: null,
  hardwareConcurrency: 2,
  deviceMemoryGiB: null,
  crossOriginIsolated: true,
  timerResolutionMs: 0.005,
  gpu: { available: false, reason: 'no adapter' },
  visibility: 'visible',
  computePressure: null,
  runtimeVersions: {},
};

describe('describeDevice', () => {
  it('says "unknown" rather than guessing laptop or desktop, and keeps what the browser gave', () => {
    const d = describeDevice(base);
    expect(d).toEqual({ class: 'unknown', platform: 'Linux', model: null, gpu: null, cores: 2, memoryGiB: null });
    expect(describeDevice(base, 'laptop').class).toBe('laptop');
    expect(deviceDescriptorSchema.safeParse(d).success).toBe(true);
  });

  it('recognises tablets and phones from the user agent', () => {
    expect(describeDevice({ ...base, userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/131.0 Safari/537.36' }).class).toBe('tablet');
    expect(describeDevice({ ...base, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' })).toMatchObject({ class: 'phone', platform: 'iOS' });
  });

  it('rounds memory down to a browser bucket and strips control characters', () => {
    const d = describeDevice({
      ...base,
      deviceMemoryGiB: 12,
      uaData: { platform: 'Android', model: 'Pixel\u0007 7', mobile: true },
      gpu: { available: true, adapter: { vendor: 'qualcomm', architecture: '', device: '', description: 'Adreno 740', isFallbackAdapter: false, features: [] } },
    });
    expect(d).toMatchObject({ memoryGiB: 8, model: 'Pixel 7', gpu: { vendor: 'qualcomm', architecture: '' } });
    expect(deviceDescriptorSchema.safeParse(d).success).toBe(true);
  });
});

describe('deviceRecordOf', () => {
  it('gives every Pixel 7 one id however the name is spaced or cased, and other phones another', () => {
    const phone = describeDevice({ ...base, uaData: { platform: 'Android', model: 'Pixel 7', mobile: true } });
    const same = deviceRecordOf({ ...phone, model: ' pixel  7 ', cores: 4 });
    expect(deviceRecordOf(phone).id).toBe(same.id);
    expect(deviceRecordOf({ ...phone, model: 'Pixel 8' }).id).not.toBe(same.id);
    expect(deviceRecordOf(phone).id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells unnamed computers apart by class, OS, GPU, cores and memory bucket', () => {
    const pc = describeDevice(base, 'desktop');
    expect(deviceRecordOf(pc).id).not.toBe(deviceRecordOf({ ...pc, cores: 16 }).id);
    expect(deviceRecordOf(pc).label).toBe('desktop · Linux · 2 threads · memory unknown · no WebGPU');
  });
});

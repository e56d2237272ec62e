import type { Environment, GpuInfo } from '../../core/environment.js';

/** Environments as the app records them, for tests of matching and estimation. */
export function environment(over: Partial<Environment> = {}): Environment {
  return {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
    uaData: { platform: 'Linux', mobile: false, model: '' },
    hardwareConcurrency: 2,
    deviceMemoryGiB: 8,
    crossOriginIsolated: true,
    timerResolutionMs: 0.005,
    gpu: { available: false, reason: 'navigator.gpu missing' },
    visibility: 'visible',
    computePressure: null,
    runtimeVersions: {},
    ...over,
  };
}

export function adapter(a: Partial<GpuInfo>): Environment['gpu'] {
  return {
    available: true,
    adapter: { vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: false, features: [], ...a },
  };
}

/** What this machine's headless Chromium reports (DESIGN §8). */
export const swiftShader = adapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, features: ['timestamp-query'] });

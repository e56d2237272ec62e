import { describe, expect, it } from 'vitest';
import { estimate } from '../estimates/estimate-math.js';
import { clusterShare, curveFactor, teadsFactor, threadsUsed } from './cpu-power.js';
import { latencyEstimate, modelEnergy } from './energy-model.js';
import { matchDevice } from './match-device.js';
import { adapter, environment, swiftShader } from './test-support/environments.js';

const ms = (v: number) => estimate({ value: v / 1000, unit: 's', method: 'measured' });

const laptop2 = matchDevice(environment({
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0.0.0',
  uaData: { platform: 'Windows', mobile: false, model: '' },
  hardwareConcurrency: 2,
  gpu: adapter({ vendor: 'nvidia', description: 'NVIDIA GeForce RTX 3060 Laptop GPU' }),
}));

describe('Teads curve', () => {
  it('interpolates linearly between its points', () => {
    expect(teadsFactor(0)).toBe(0.12);
    expect(teadsFactor(1)).toBe(1.02);
    // u = 25 %: between (10 %, 0.32) and (50 %, 0.75): 0.32 + (0.25 − 0.1)/(0.5 − 0.1) × (0.75 − 0.32) = 0.32 + 0.375 × 0.43 = 0.48125
    expect(teadsFactor(0.25)).toBeCloseTo(0.48125, 12);
    // u = 5 %: 0.12 + 0.5 × (0.32 − 0.12) = 0.22
    expect(teadsFactor(0.05)).toBeCloseTo(0.22, 12);
    // clamped outside [0, 1]
    expect(curveFactor(1.7, { utilisation: [0, 1], tdpFactor: [0, 2] })).toBe(2);
  });
});

describe('CPU backends', () => {
  it('models a one-thread WASM cell on a 2-core laptop through the Teads curve above idle', () => {
    const e = modelEnergy({ profile: laptop2, backend: 'wasm', threads: 1, crossOriginIsolated: true, latencyS: ms(20) });
    // u = 1/2 → f(0.5) − f(0) = 0.75 − 0.12 = 0.63; laptop TDP [15, 28, 45] W
    // P = 28 × 0.63 = 17.64 W, low 15 × 0.63 = 9.45 W, high 45 × 0.63 = 28.35 W
    expect(e.powerAttributableW.value).toBeCloseTo(17.64, 9);
    expect(e.powerAttributableW.low).toBeCloseTo(9.45, 9);
    expect(e.powerAttributableW.high).toBeCloseTo(28.35, 9);
    // E = P × 0.020 s = 0.3528 J [0.189, 0.567]
    expect(e.energyAttributableJ).toMatchObject({ unit: 'J', method: 'modelled' });
    expect(e.energyAttributableJ.value).toBeCloseTo(0.3528, 9);
    expect(e.energyAttributableJ.low).toBeCloseTo(0.189, 9);
    expect(e.energyAttributableJ.high).toBeCloseTo(0.567, 9);
    // busy adds the laptop idle draw [7.2, 17.1, 100] W × 0.020 s = [0.144, 0.342, 2] J → [0.333, 0.6948, 2.567] J
    expect(e.energyBusyJ.value).toBeCloseTo(0.6948, 9);
    expect(e.energyBusyJ.low).toBeCloseTo(0.333, 9);
    expect(e.energyBusyJ.high).toBeCloseTo(2.567, 9);
    expect(e.energyAttributableJ.sources.map((s) => s.id)).toContain('teads-davy-2021');
  });

  it('counts threads: tfjs cpu is one; WASM without isolation is one; unrecorded is an assumed range', () => {
    expect(threadsUsed('cpu', 4, 8, true).value).toBe(1);
    expect(threadsUsed('wasm', 4, 8, false).value).toBe(1);
    expect(threadsUsed('wasm', 16, 8, true).value).toBe(8);
    expect(threadsUsed('wasm', 0, 8, true)).toMatchObject({ value: 1, low: 1, high: 8, method: 'assumed' });
  });

  it('fills a Pixel 7 big core first (per-cluster power_profile shares)', () => {
    const pixel = matchDevice(environment({ uaData: { platform: 'Android', mobile: true, model: 'Pixel 7' }, hardwareConcurrency: 8 }));
    if (pixel.cpu.model !== 'clusters') throw new Error('expected clusters');
    // one thread: (cpu.active 8.2 + X1 cluster 1.53 + one X1 core 202.77) / 818.47 mA = 212.5 / 818.47 = 0.259631
    expect(clusterShare(pixel.cpu, 1)).toBeCloseTo(212.5 / 818.47, 9);
    // three threads: + A78 cluster 1.16 + one A78 core 81.0 → (212.5 + 202.77 + 1.16 + 81.0) / 818.47 = 497.43 / 818.47
    expect(clusterShare(pixel.cpu, 3)).toBeCloseTo(497.43 / 818.47, 9);
    expect(clusterShare(pixel.cpu, 8)).toBeCloseTo(1, 12);
    const e = modelEnergy({ profile: pixel, backend: 'wasm', threads: 1, crossOriginIsolated: true, latencyS: ms(100) });
    // P = 0.259631 × all-cores [3.03, 7.115, 11.2] W = [0.78668, 1.84728, 2.90787] W; × 0.1 s
    expect(e.energyAttributableJ.low).toBeCloseTo(0.078668, 5);
    expect(e.energyAttributableJ.value).toBeCloseTo(0.184728, 5);
    expect(e.energyAttributableJ.high).toBeCloseTo(0.290787, 5);
  });

  it('interpolates a phone of unknown model between one big core and all cores', () => {
    const phone = matchDevice(environment({ uaData: { platform: 'Android', mobile: true, model: 'SM-S918B' }, hardwareConcurrency: 8 }));
    const e = modelEnergy({ profile: phone, backend: 'wasm', threads: 4, crossOriginIsolated: true, latencyS: ms(1000) });
    // w = (4 − 1)/(8 − 1) = 3/7; single [0.79, 3.78, 6.27] W, all [3.03, 10.4, 14] W
    // value 3.78 × 4/7 + 10.4 × 3/7 = 2.16 + 4.457143 = 6.617143 W; low 0.79 × 4/7 + 3.03 × 3/7 = 0.451429 + 1.298571 = 1.75 W
    // high 6.27 × 4/7 + 14 × 3/7 = 3.582857 + 6 = 9.582857 W; over 1 s, J = W
    expect(e.energyAttributableJ.value).toBeCloseTo(6.617143, 5);
    expect(e.energyAttributableJ.low).toBeCloseTo(1.75, 5);
    expect(e.energyAttributableJ.high).toBeCloseTo(9.582857, 5);
  });
});

describe('GPU backends', () => {
  it('adds GPU power above idle × busy time and one core of dispatch', () => {
    const laptop8 = { ...laptop2, logicalCores: 8 };
    const e = modelEnergy({ profile: laptop8, backend: 'webgpu', threads: 0, crossOriginIsolated: true, latencyS: ms(10) });
    // GPU: RTX 3060 Laptop [60, 60, 115] W × (1 − idle share [0.1127, 0.1144, 0.1176])
    //   value 60 × 0.8856 = 53.136 W; low 60 × 0.8824 = 52.944 W; high 115 × 0.8873 = 102.0395 W
    // dispatch: one of 8 cores, u = 0.125 → f = 0.32 + (0.025/0.4) × 0.43 = 0.346875; − 0.12 = 0.226875
    //   × TDP [15, 28, 45] = [3.403125, 6.3525, 10.209375] W
    // E over 0.010 s: value (53.136 + 6.3525) × 0.01 = 0.594885 J; low 0.5634713 J; high 1.12248875 J
    expect(e.computeKind).toBe('gpu');
    expect(e.energyAttributableJ.value).toBeCloseTo(0.594885, 9);
    expect(e.energyAttributableJ.low).toBeCloseTo(0.56347125, 9);
    expect(e.energyAttributableJ.high).toBeCloseTo(1.12248875, 9);
    expect(e.energyAttributableJ.reasons.join(' ')).toMatch(/no timestamp queries/);
  });

  it('uses timestamp-query busy time when given', () => {
    const laptop8 = { ...laptop2, logicalCores: 8 };
    const e = modelEnergy({ profile: laptop8, backend: 'webgpu', threads: 0, crossOriginIsolated: true, latencyS: ms(10), gpuBusyS: ms(4) });
    // 53.136 W × 0.004 s + 6.3525 W × 0.010 s = 0.212544 + 0.063525 = 0.276069 J
    expect(e.energyAttributableJ.value).toBeCloseTo(0.276069, 9);
  });

  it('models a SwiftShader WebGPU cell as CPU work on 1..all cores, marked assumed', () => {
    const p = matchDevice(environment({ gpu: swiftShader }));
    const e = modelEnergy({ profile: p, backend: 'webgpu', threads: 0, crossOriginIsolated: true, latencyS: ms(1000) });
    // threads [1, 2, 2] of 2 cores → u [0.5, 1, 1] → factor above idle [0.63, 0.90, 0.90]
    // × TDP laptop-or-desktop [15, 66.5, 170] W = [9.45, 59.85, 153] W; over 1 s
    expect(e.computeKind).toBe('emulated-gpu');
    expect(e.energyAttributableJ.value).toBeCloseTo(59.85, 9);
    expect(e.energyAttributableJ.low).toBeCloseTo(9.45, 9);
    expect(e.energyAttributableJ.high).toBeCloseTo(153, 9);
    expect(e.energyAttributableJ.method).toBe('assumed');
  });
});

describe('latencyEstimate', () => {
  it('takes the median with its bootstrap CI, in seconds', () => {
    expect(latencyEstimate({ medianMs: 20, ciLowMs: 19, ciHighMs: 22, n: 50 })).toMatchObject({ value: 0.02, low: 0.019, high: 0.022, unit: 's', method: 'measured' });
  });
});

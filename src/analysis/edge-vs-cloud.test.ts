import { describe, expect, it } from 'vitest';
import type { Estimate } from '../core/estimate.js';
import { defaultCloudReference, type CloudReference } from './cloud-defaults.js';
import { edgeVsCloud, type DeviceSide, type EdgeVsCloudResult } from './edge-vs-cloud.js';
import { estimate } from '../estimates/estimate-math.js';

const p = (v: number, unit: string): Estimate => estimate({ value: v, unit, method: 'assumed' });

// a phone: 50 ms per inference at 1 W attributable = 0.05 J; UK grid 216 g/kWh; 55 kg made, 3 years, in use 30 % of the time
const phone: DeviceSide = {
  energyPerInference: estimate({ value: 0.05, unit: 'J', method: 'modelled' }),
  latencyMs: estimate({ value: 50, unit: 'ms', method: 'measured' }),
  gridIntensityGPerKWh: p(216, 'gCO2e/kWh'),
  embodiedKgCO2e: p(55, 'kgCO2e'),
  lifetimeYears: p(3, 'years'),
  useRatio: p(0.3, 'fraction'),
};

const cloud: CloudReference = {
  ...defaultCloudReference(),
  acceleratorPowerW: p(70, 'W'),
  pue: p(1.1, 'ratio'),
  throughputPerS: p(1000, 'inferences/s'),
  serverEmbodiedKgCO2e: p(1200, 'kgCO2e'),
  serverShare: p(0.25, 'fraction'),
  serverLifetimeYears: p(4, 'years'),
  serverUtilisation: p(0.5, 'fraction'),
  networkKWhPerGB: p(0.06, 'kWh/GB'),
  gridIntensityGPerKWh: p(400, 'gCO2e/kWh'),
};

function computed(r: ReturnType<typeof edgeVsCloud>): EdgeVsCloudResult {
  if (r.state !== 'computed') throw new Error(JSON.stringify(r));
  return r;
}

const YEAR_S = 365.25 * 24 * 3600; // 31 557 600 s

describe('edgeVsCloud', () => {
  it('embodied-dominated phone case, both allocations', () => {
    const r = computed(edgeVsCloud({ device: phone, cloud, request: { inputBytes: 100_000, outputBytes: 1_000 } }));
    // operational = 0.05 J / 3.6e6 J/kWh × 216 g/kWh = 3.0e-6 g
    expect(r.device.wallClock.operationalG.value).toBeCloseTo(3.0e-6, 15);
    // wall-clock embodied = 55 000 g × 0.05 s / (3 × 31 557 600 s) = 2750 / 94 672 800 = 2.904741e-5 g
    expect(r.device.wallClock.embodiedG.value).toBeCloseTo(2750 / (3 * YEAR_S), 15);
    expect(r.device.wallClock.embodiedG.value).toBeCloseTo(2.904741e-5, 10);
    // active-use embodied = wall-clock / 0.3 = 9.682471e-5 g: about 32× the electricity
    expect(r.device.activeUse.embodiedG.value).toBeCloseTo(9.682471e-5, 10);
    expect(r.device.wallClock.embodiedDominated).toEqual({ central: true, clearly: true });
    expect(r.device.activeUse.embodiedDominated.central).toBe(true);
    expect(r.sentence).toMatch(/embodied carbon outweighs the electricity/);
  });

  it('cloud side: server, network and embodied shares by hand', () => {
    const r = computed(edgeVsCloud({ device: phone, cloud, request: { inputBytes: 100_000, outputBytes: 1_000 } }));
    // server energy = 70 W × 1.1 / 1000 inf/s = 0.077 J → 0.077 / 3.6e6 × 400 = 8.5556e-6 g
    expect(r.cloud.serverEnergyJ.value).toBeCloseTo(0.077, 12);
    // network: 101 000 B = 1.01e-4 GB × 0.06 kWh/GB = 6.06e-6 kWh = 21.816 J, at the user's 216 g → 1.30896e-3 g
    expect(r.cloud.networkEnergyJ.value).toBeCloseTo(21.816, 9);
    // embodied = 1 200 000 g × 0.25 / (4 × 31 557 600 × 0.5 × 1000) = 300 000 / 6.31152e10 = 4.75322e-6 g
    expect(r.cloud.embodiedG.value).toBeCloseTo(300_000 / (4 * YEAR_S * 0.5 * 1000), 15);
    // total = 1.30896e-3 + 8.5556e-6 + 4.75322e-6 = 1.3222688e-3 g
    expect(r.cloud.totalG.value).toBeCloseTo(1.3222688e-3, 9);
    // device wall-clock total 3.0e-6 + 2.904741e-5 = 3.204741e-5 g → ratio 0.024237
    expect(r.ratioWallClock!.value).toBeCloseTo(3.204741e-5 / 1.3222688e-3, 6);
    expect(r.lowerWallClock).toBe('device');
    expect(r.lowerActiveUse).toBe('device');
  });

  it('a cloud whose every figure may be 0 gives totals but no ratio, instead of failing', () => {
    const zeroToX = (v: number, unit: string) => estimate({ value: v, low: 0, high: 2 * v, unit, method: 'assumed' });
    const green = { ...cloud, acceleratorPowerW: zeroToX(70, 'W'), serverEmbodiedKgCO2e: zeroToX(1200, 'kgCO2e'), networkKWhPerGB: zeroToX(0.06, 'kWh/GB'), gridIntensityGPerKWh: zeroToX(400, 'gCO2e/kWh') };
    const r = computed(edgeVsCloud({ device: { ...phone, gridIntensityGPerKWh: zeroToX(216, 'gCO2e/kWh') }, cloud: green, request: { inputBytes: 1000, outputBytes: 10 } }));
    expect(r.cloud.totalG.low).toBe(0);
    expect(r.cloud.totalG.value).toBeGreaterThan(0);
    expect(r.ratioWallClock).toBeNull();
    expect(r.ratioActiveUse).toBeNull();
  });

  it('an operational-dominated laptop-like case is not called embodied-dominated', () => {
    // 1 J at 500 g/kWh = 1.3889e-4 g vs wall-clock embodied 2.9e-5 g for the same 50 ms
    const r = computed(
      edgeVsCloud({ device: { ...phone, energyPerInference: p(1, 'J'), gridIntensityGPerKWh: p(500, 'gCO2e/kWh') }, cloud, request: { inputBytes: 1000, outputBytes: 10 } }),
    );
    expect(r.device.wallClock.embodiedDominated.central).toBe(false);
    expect(r.device.wallClock.operationalG.value).toBeCloseTo(500 / 3.6e6, 15);
  });

  it('adds a model download spread over its inferences', () => {
    // 5e6 B = 0.005 GB × 0.06 kWh/GB × 216 g/kWh = 6.48e-2 g over 10 000 inferences = 6.48e-6 g each
    const r = computed(edgeVsCloud({ device: { ...phone, modelDownload: { bytes: 5e6, inferencesPerDownload: 10_000 } }, cloud, request: { inputBytes: 0, outputBytes: 0 } }));
    expect(r.device.downloadG?.value).toBeCloseTo(6.48e-6, 15);
    expect(r.device.wallClock.operationalG.value).toBeCloseTo(3.0e-6 + 6.48e-6, 15);
  });

  it('runs on the sourced defaults, deriving throughput from FLOPs, with assumed figures and sources carried', () => {
    const defaults = defaultCloudReference();
    const r = computed(edgeVsCloud({ device: phone, cloud: defaults, request: { inputBytes: 4_000, outputBytes: 100, flopsPerInference: 1e9 } }));
    // 8.1e12 FLOP/s × 0.3 / 1e9 = 2430 inferences/s; low 8.1e12 × 0.05 / 1e9 = 405; high 8.141e12 × 0.6 / 1e9 = 4884.6
    expect(r.cloud.throughputPerS.value).toBeCloseTo(2430, 6);
    expect(r.cloud.throughputPerS.low).toBeCloseTo(405, 6);
    expect(r.cloud.throughputPerS.high).toBeCloseTo(4884.6, 6);
    expect(r.cloud.totalG.method).toBe('assumed');
    expect(r.cloud.totalG.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['ccf-methodology', 'co2js', 'boavizta-efd']));
    expect(r.cloud.totalG.low).toBeLessThan(r.cloud.totalG.value);
  });

  it('asks for a throughput or FLOPs when neither is given', () => {
    const { throughputPerS: _t, ...noThroughput } = cloud;
    const r = edgeVsCloud({ device: phone, cloud: noThroughput, request: { inputBytes: 1, outputBytes: 1 } });
    if (r.state !== 'invalid') throw new Error(r.state);
    expect(r.problems.join(' ')).toMatch(/throughput is missing/);
  });

  it('rejects a use ratio above 1 and a PUE below 1', () => {
    const r = edgeVsCloud({ device: { ...phone, useRatio: p(1.5, 'fraction') }, cloud: { ...cloud, pue: p(0.9, 'ratio') }, request: { inputBytes: 1, outputBytes: 1 } });
    if (r.state !== 'invalid') throw new Error(r.state);
    expect(r.problems).toHaveLength(2);
  });
});

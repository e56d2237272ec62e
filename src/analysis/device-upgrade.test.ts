import { describe, expect, it } from 'vitest';
import type { Estimate } from '../core/estimate.js';
import { sampleDeviceDistribution } from './device-sample.js';
import { deviceUpgrade, type DeviceEntry, type DeviceUpgradeResult } from './device-upgrade.js';
import { estimate } from '../estimates/estimate-math.js';

const rel = (v: number, lo: number, hi: number): Estimate => estimate({ value: v, low: lo, high: hi, unit: 'x', method: 'assumed' });
const ms = (v: number): Estimate => estimate({ value: v, unit: 'ms', method: 'measured' });

// weights 2:1:1 → shares 0.5, 0.25, 0.25
const devices: DeviceEntry[] = [
  { id: 'a', label: 'flagship', weight: 2, relativeLatency: rel(1, 0.8, 1.25) },
  { id: 'b', label: 'mid-range', weight: 1, relativeLatency: rel(2.5, 2, 3) },
  { id: 'c', label: 'old low-end', weight: 1, relativeLatency: rel(5, 4, 6) },
];

function computed(r: ReturnType<typeof deviceUpgrade>): DeviceUpgradeResult {
  if (r.state !== 'computed') throw new Error(JSON.stringify(r));
  return r;
}

describe('deviceUpgrade', () => {
  const r = computed(
    deviceUpgrade({
      budgetMs: 100,
      variants: [
        { variant: 'fp32', referenceLatencyMs: ms(30) },
        { variant: 'fp16', referenceLatencyMs: ms(22) },
        { variant: 'int8', referenceLatencyMs: ms(15) },
      ],
      devices,
      replacementEmbodiedKgCO2e: estimate({ value: 50, low: 40, high: 60, unit: 'kgCO2e', method: 'assumed' }),
      population: 1000,
    }),
  );

  it('finds the devices that miss the budget, and what replacing them costs', () => {
    // fp32: a 30 [24, 37.5], b 75 [60, 90], c 150 [120, 180] ms → only c misses 100 ms, surely
    const fp32 = r.variants[0];
    expect(fp32?.perDevice.map((d) => d.status)).toEqual(['meets', 'meets', 'misses']);
    expect(fp32?.perDevice.map((d) => d.share)).toEqual([0.5, 0.25, 0.25]);
    expect([fp32?.missShare.low, fp32?.missShare.value, fp32?.missShare.high]).toEqual([0.25, 0.25, 0.25]);
    // 0.25 × 1000 = 250 devices × 50 [40, 60] kg = 12 500 [10 000, 15 000] kgCO2e
    expect(fp32?.replacements.value).toBeCloseTo(250, 9);
    expect(fp32?.replacementKgCO2e.value).toBeCloseTo(12_500, 6);
    expect(fp32?.replacementKgCO2e.low).toBeCloseTo(10_000, 6);
    expect(fp32?.replacementKgCO2e.high).toBeCloseTo(15_000, 6);
  });

  it('keeps an interval when a device may or may not make it', () => {
    // fp16: c = 5 × 22 = 110 [88, 132] ms → uncertain; miss share 0.25 central, 0 at best, 0.25 at worst
    const fp16 = r.variants[1];
    expect(fp16?.perDevice[2]?.status).toBe('uncertain');
    expect([fp16?.missShare.low, fp16?.missShare.value, fp16?.missShare.high]).toEqual([0, 0.25, 0.25]);
    expect(fp16?.missShare.method).toBe('assumed');
  });

  it('counts the embodied carbon an efficient variant avoids by keeping old devices useful', () => {
    // int8: c = 75 [60, 90] ms meets → 0.25 of 1000 devices kept = 250 × 50 kg = 12 500 kgCO2e avoided vs fp32
    const int8 = r.avoided.find((a) => a.variant === 'int8');
    expect(int8?.baseline).toBe('fp32');
    expect(int8?.replacementsAvoided.value).toBeCloseTo(250, 9);
    expect(int8?.kgCO2eAvoided.value).toBeCloseTo(12_500, 6);
    expect(int8?.kgCO2eAvoided.low).toBeCloseTo(10_000, 6);
    expect(r.sentence).toMatch(/int8 keeps 250 more of 1000 devices useful/);
  });

  it('prefers leaderboard latencies, skips devices without data and says so', () => {
    const board: DeviceEntry[] = [
      { id: 'x', label: 'Pixel 6', weight: 3, latencyMsByVariant: { fp32: estimate({ value: 120, low: 110, high: 130, unit: 'ms', method: 'measured' }) } },
      { id: 'y', label: 'iPhone 13', weight: 1, latencyMsByVariant: { fp32: estimate({ value: 40, low: 35, high: 45, unit: 'ms', method: 'measured' }) } },
      { id: 'z', label: 'unknown phone', weight: 4 },
    ];
    const res = computed(deviceUpgrade({ budgetMs: 100, variants: [{ variant: 'fp32' }], devices: board, replacementEmbodiedKgCO2e: estimate({ value: 50, unit: 'kgCO2e', method: 'assumed' }), population: 8 }));
    const v = res.variants[0];
    // covered weight 4 of 8 = 0.5; of the covered, 3 / 4 = 0.75 miss
    expect(v?.coveredShare).toBeCloseTo(0.5, 12);
    expect(v?.missShare.value).toBeCloseTo(0.75, 12);
    expect(v?.missShare.method).toBe('measured');
    expect(v?.perDevice[2]?.status).toBe('unknown');
    expect(res.sentence).toMatch(/latency data for 50 % of devices/);
  });

  it('charges only the life brought forward when asked', () => {
    const half = computed(
      deviceUpgrade({
        budgetMs: 100,
        variants: [{ variant: 'fp32', referenceLatencyMs: ms(30) }],
        devices,
        replacementEmbodiedKgCO2e: estimate({ value: 50, unit: 'kgCO2e', method: 'assumed' }),
        population: 1000,
        chargedShare: estimate({ value: 0.5, unit: 'fraction', method: 'assumed' }),
      }),
    );
    // 250 devices × 50 kg × 0.5 = 6250 kgCO2e
    expect(half.variants[0]?.replacementKgCO2e.value).toBeCloseTo(6250, 6);
  });

  it('runs on the built-in sample, whose assumptions stay labelled', () => {
    const s = sampleDeviceDistribution();
    expect(s.devices.length).toBeGreaterThanOrEqual(5);
    expect(s.replacementEmbodiedKgCO2e.sources[0]?.id).toBe('boavizta-efd');
    const res = computed(
      deviceUpgrade({ budgetMs: 50, variants: [{ variant: 'fp32', referenceLatencyMs: ms(20) }], devices: s.devices, replacementEmbodiedKgCO2e: s.replacementEmbodiedKgCO2e, population: 100 }),
    );
    expect(res.variants[0]?.missShare.method).toBe('assumed');
    expect(res.variants[0]?.missShare.value).toBeGreaterThan(0);
  });

  it('rejects a missing budget and an unknown baseline', () => {
    const bad = deviceUpgrade({ budgetMs: 0, variants: [{ variant: 'fp32' }], devices, replacementEmbodiedKgCO2e: estimate({ value: 50, unit: 'kgCO2e', method: 'assumed' }), population: 10, baselineVariant: 'nope' });
    if (bad.state !== 'invalid') throw new Error(bad.state);
    expect(bad.problems.join(' ')).toMatch(/latency budget \(ms\) must be greater than 0/);
    expect(bad.problems.join(' ')).toMatch(/baseline variant "nope"/);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import committed from './power-profiles.json';
import { powerProfiles, sourceRefs } from './power-profiles.js';
import { buildPowerProfiles } from './tools/build-power-profiles.js';
import { REFERENCE_PATH, serialise } from './tools/generate-power-profiles.js';

describe('power-profiles.json', () => {
  const p = powerProfiles();

  // The sourced reference lives outside the product (../shared); where a checkout has none beside
  // it, the drift check cannot run and says so instead of failing the product's own tests.
  const hasReference = existsSync(REFERENCE_PATH);
  if (!hasReference) console.log(`power-profiles drift check SKIPPED: no reference compilation at ${REFERENCE_PATH}`);

  it.runIf(hasReference)('is the generator output of the current reference file (regenerate with tools/generate-power-profiles.ts)', () => {
    const rebuilt = buildPowerProfiles(JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')));
    expect(serialise(rebuilt)).toBe(serialise(committed));
  });

  it('resolves every cited source id in its own sources table', () => {
    const ids = new Set(p.sources.map((s) => s.id));
    const cited: string[] = [];
    JSON.stringify(p, (k, v) => {
      if (k === 'src' && Array.isArray(v)) cited.push(...(v as string[]));
      return v;
    });
    expect(cited.length).toBeGreaterThan(50);
    expect(cited.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('carries the Teads curve and the reference figures DESIGN §4-5 cite', () => {
    expect(p.teadsCurve.utilisation).toEqual([0, 0.1, 0.5, 1]);
    expect(p.teadsCurve.tdpFactor).toEqual([0.12, 0.32, 0.75, 1.02]);
    expect(p.codecarbon.fallbackTdpW).toBe(85);
    expect(p.devices.find((d) => d.id === 'iphone-13')?.batteryWh?.value).toBe(12.41);
    // embodied is the manufacturing share: phone median of 50 reports is 52.8 kg (69.5 kg is the median total)
    expect(p.deviceClasses.phone.embodiedKgCO2e).toMatchObject({ value: 52.8, low: 45.6, high: 84 });
    expect(p.deviceClasses.phone.useRatio.value).toBe(0.3);
  });

  it('never stores a fake point for a device class: class CPU/GPU power is a real range', () => {
    for (const [id, c] of Object.entries(p.deviceClasses)) {
      const cpu = c.cpu.model === 'teads' ? c.cpu.tdpW : c.cpu.model === 'cores' ? c.cpu.allCoresW : c.cpu.allCoresW;
      expect(cpu.high, id).toBeGreaterThan(cpu.low);
      expect(c.gpuActiveW.high, id).toBeGreaterThan(c.gpuActiveW.low);
    }
  });

  it('turns source ids into titled references', () => {
    const [teads] = sourceRefs(['teads-davy-2021']);
    expect(teads?.title).toMatch(/Teads/);
    expect(teads?.url).toMatch(/^https:\/\//);
    expect(sourceRefs(['not-a-source'])).toEqual([{ id: 'not-a-source' }]);
  });
});

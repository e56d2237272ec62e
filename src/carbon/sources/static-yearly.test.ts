import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridIntensityData } from '../../data/grid-intensity.js';
import { describeIntensitySource } from '../intensity-source.case.js';
import { chosenLocation } from '../location.js';
import { staticYearlySource } from './static-yearly.js';

describeIntensitySource('static yearly (CO2.js)', {
  make: () => staticYearlySource(),
  live: false,
  covered: chosenLocation('DEU'),
  uncovered: chosenLocation('XXX'),
});

describe('static yearly values', () => {
  it('serves the CO2.js/Ember 2024 figures DESIGN §5 cites', async () => {
    const cited: Record<string, number> = { WORLD: 473, EU: 213, USA: 384, DEU: 342, GBR: 216, FRA: 44, CHN: 558, IND: 709 };
    for (const [country, g] of Object.entries(cited)) {
      const r = await staticYearlySource().current({ location: chosenLocation(country) });
      if (r.state !== 'ok') throw new Error(`${country}: ${r.state}`);
      expect(Math.round(r.intensity.value), country).toBe(g);
    }
  });

  it('widens to the Electricity Maps figure where the two datasets disagree', async () => {
    const r = await staticYearlySource().current({ location: chosenLocation('GBR') });
    if (r.state !== 'ok') throw new Error(r.state);
    // Ember GBR 215.79 g/kWh, Electricity Maps 2024 GB 175 g/kWh → [175, 215.79], value 215.79
    expect(r.intensity).toMatchObject({ value: 215.79, low: 175, high: 215.79, method: 'modelled' });
    const dk1 = await staticYearlySource().current({ location: chosenLocation('DNK', 'DK1') });
    // Ember DNK 143.3; Electricity Maps DK-DK1 131 → [131, 143.3]
    if (dk1.state !== 'ok') throw new Error(dk1.state);
    expect(dk1.intensity).toMatchObject({ value: 143.3, low: 131, high: 143.3 });
  });

  it('offers UNFCCC marginal factors as an option', async () => {
    const r = await staticYearlySource('marginal').current({ location: chosenLocation('GBR') });
    if (r.state !== 'ok') throw new Error(r.state);
    expect(r.intensity.value).toBe(380);
    expect(r.intensity.reasons.join(' ')).toMatch(/stale/);
  });

  it('names the installed @tgwf/co2 version in its data file', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../node_modules/@tgwf/co2/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(gridIntensityData().co2jsVersion).toBe(pkg.version);
  });
});

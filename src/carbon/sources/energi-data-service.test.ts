import { describe, expect, it } from 'vitest';
import { fixtureDkEmission, startIntensityServer } from '../../../e2e/fixtures/intensity-server.js';
import { describeIntensitySource } from '../intensity-source.case.js';
import { chosenLocation } from '../location.js';
import { energiDataServiceSource } from './energi-data-service.js';

const FIVE_MIN = 300_000;
// the fixture's newest record starts one 5-minute step before the current one, like the real feed's lag
const newestRecord = (t: number) => Math.floor(t / FIVE_MIN) * FIVE_MIN - FIVE_MIN;

describeIntensitySource('Energi Data Service CO2Emis, DK1', {
  make: (baseUrl, timeoutMs) => energiDataServiceSource({ baseUrl, timeoutMs }),
  live: true,
  covered: chosenLocation('DNK', 'DK1'),
  uncovered: chosenLocation('SWE'),
  checkOk(r, at) {
    expect(r.intensity.value).toBe(fixtureDkEmission(newestRecord(at.getTime()), 'DK1'));
    expect(r.intensity.method).toBe('measured');
  },
});

describe('Energi Data Service specifics', () => {
  it('without a price area, averages DK1 and DK2 and spans both areas over the last hour', async () => {
    const server = await startIntensityServer();
    try {
      const at = new Date();
      const r = await energiDataServiceSource({ baseUrl: `${server.url}/ok` }).current({ location: chosenLocation('DNK'), at });
      if (r.state !== 'ok') throw new Error(r.state);
      const t = newestRecord(at.getTime());
      // mean of the newest DK1 and DK2 records
      expect(r.intensity.value).toBeCloseTo((fixtureDkEmission(t, 'DK1') + fixtureDkEmission(t, 'DK2')) / 2, 9);
      const hour = Array.from({ length: 12 }, (_, i) => t - i * FIVE_MIN).flatMap((x) => [fixtureDkEmission(x, 'DK1'), fixtureDkEmission(x, 'DK2')]);
      expect(r.intensity.low).toBe(Math.min(...hour));
      expect(r.intensity.high).toBe(Math.max(...hour));
      const q = new URL(`http://x${server.requests.at(-1)}`).searchParams;
      expect(JSON.parse(q.get('filter') ?? '')).toEqual({ PriceArea: ['DK1', 'DK2'] });
      expect(q.get('sort')).toBe('Minutes5UTC DESC');
      expect(new Set(r.series.map((p) => p.zone))).toEqual(new Set(['DK1', 'DK2']));
    } finally {
      await server.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureUkActual, fixtureUkForecast, startIntensityServer } from '../../../e2e/fixtures/intensity-server.js';
import { describeIntensitySource } from '../intensity-source.case.js';
import { chosenLocation } from '../location.js';
import { ukCarbonIntensitySource } from './uk-carbon-intensity.js';

const HALF_HOUR = 1_800_000;
const floorHalfHour = (t: number) => Math.floor(t / HALF_HOUR) * HALF_HOUR;

describeIntensitySource('UK Carbon Intensity, national', {
  make: (baseUrl, timeoutMs) => ukCarbonIntensitySource({ baseUrl, timeoutMs }),
  live: true,
  covered: chosenLocation('GBR'),
  uncovered: chosenLocation('FRA'),
  checkOk(r, at) {
    // the half-hour holding `at` has not ended, so the fixture gives its forecast only
    expect(r.intensity.value).toBe(fixtureUkForecast(floorHalfHour(at.getTime())));
    expect(r.intensity.method).toBe('modelled');
    expect(r.series).toHaveLength(96);
  },
});

describeIntensitySource('UK Carbon Intensity, regional', {
  make: (baseUrl, timeoutMs) => ukCarbonIntensitySource({ baseUrl, timeoutMs }),
  live: true,
  covered: chosenLocation('GBR', 'GB-13'),
  uncovered: chosenLocation('GBR', 'GB-99'),
  checkOk(r, at) {
    expect(r.intensity.value).toBe(fixtureUkForecast(floorHalfHour(at.getTime()), 13));
  },
});

describe('UK Carbon Intensity specifics', () => {
  it('uses the actual where the half-hour has one, marks it measured, and bounds it by its neighbours', async () => {
    const server = await startIntensityServer();
    try {
      const at = new Date(floorHalfHour(Date.now()) - HALF_HOUR + 60_000); // inside the last finished half-hour
      const r = await ukCarbonIntensitySource({ baseUrl: `${server.url}/ok` }).current({ location: chosenLocation('GBR'), at });
      if (r.state !== 'ok') throw new Error(r.state);
      const from = floorHalfHour(at.getTime());
      expect(r.intensity.value).toBe(fixtureUkActual(from));
      expect(r.intensity.method).toBe('measured');
      // neighbours within ±30 min: the previous, this and the next half-hour, forecast and actual
      const figures = [from - HALF_HOUR, from, from + HALF_HOUR].flatMap((f) => [fixtureUkForecast(f), ...(f + HALF_HOUR <= Date.now() ? [fixtureUkActual(f)] : [])]);
      // the request starts at `from`, so the previous half-hour is not in the response
      const inResponse = figures.slice(2);
      expect(r.intensity.low).toBe(Math.min(fixtureUkActual(from), ...inResponse));
      expect(r.intensity.high).toBe(Math.max(fixtureUkActual(from), ...inResponse));
      expect(server.requests.at(-1)).toBe(`/ok/intensity/${new Date(from).toISOString().slice(0, 16)}Z/fw48h`);
    } finally {
      await server.close();
    }
  });
});

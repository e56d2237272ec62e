import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntensityServer, startIntensityServer } from '../../e2e/fixtures/intensity-server.js';
import { defaultIntensityRegistry } from './intensity-registry.js';
import { chosenLocation } from './location.js';

describe('intensity registry', () => {
  let server: IntensityServer;
  beforeAll(async () => {
    server = await startIntensityServer();
  });
  afterAll(() => server.close());

  it('uses the embedded default unless the user opted in to live data', async () => {
    const reg = defaultIntensityRegistry({ ukBaseUrl: `${server.url}/ok`, dkBaseUrl: `${server.url}/ok` });
    expect((await reg.resolve(chosenLocation('GBR'))).sourceId).toBe('static-yearly');
    expect(server.requests).toHaveLength(0);
    expect((await reg.resolve(chosenLocation('GBR'), { allowLive: true })).sourceId).toBe('uk-carbon-intensity');
    expect((await reg.resolve(chosenLocation('DNK', 'DK2'), { allowLive: true })).sourceId).toBe('energi-data-service');
    // no live source for Germany: the default answers
    expect((await reg.resolve(chosenLocation('DEU'), { allowLive: true })).sourceId).toBe('static-yearly');
  });

  it("puts the user's value first", async () => {
    const reg = defaultIntensityRegistry({ user: { gPerKWh: 30 }, ukBaseUrl: `${server.url}/ok` });
    const r = await reg.resolve(chosenLocation('GBR'), { allowLive: true });
    expect(r).toMatchObject({ sourceId: 'user-value', state: 'ok', intensity: { value: 30 } });
  });

  it('passes a live failure on as a fallback result, not an error', async () => {
    const reg = defaultIntensityRegistry({ ukBaseUrl: `${server.url}/http-500` });
    const r = await reg.resolve(chosenLocation('GBR'), { allowLive: true });
    expect(r.state).toBe('fallback');
  });

  it('says when nothing covers a location', async () => {
    const r = await defaultIntensityRegistry().resolve(chosenLocation('XYZ'));
    expect(r.state).toBe('unsupported');
    if (r.state === 'unsupported') expect(r.reason).toMatch(/enter a value/);
  });
});

/**
 * The one test suite every IntensitySource passes (Hono's common.case idea). Live sources run it
 * against the local fixture server in each of its modes; the others ignore the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntensityServer, startIntensityServer } from '../../e2e/fixtures/intensity-server.js';
import { estimateSchema } from '../core/estimate.js';
import type { GridLocation, IntensityResult, IntensitySource } from './intensity-source.js';
import { staticYearlySource } from './sources/static-yearly.js';

export type FixtureMode = 'ok' | 'malformed' | 'not-json' | 'slow' | 'http-500' | 'stale';

export interface IntensitySourceCase {
  /** builds the source; live ones get the fixture's base URL for `mode` and the timeout to use */
  make(baseUrl: string, timeoutMs: number): IntensitySource;
  live: boolean;
  covered: GridLocation;
  uncovered: GridLocation;
  /** source-specific check of what the ok result says */
  checkOk?(r: Extract<IntensityResult, { state: 'ok' }>, at: Date): void;
}

/** the timeout under test; every other case gets a generous one so a busy machine cannot fake a timeout */
const TIMEOUT_MS = 300;
const RELAXED_TIMEOUT_MS = 10_000;

export function describeIntensitySource(name: string, c: IntensitySourceCase): void {
  describe(`IntensitySource contract: ${name}`, () => {
    let server: IntensityServer;
    beforeAll(async () => {
      server = await startIntensityServer({ slowMs: 20_000 });
    });
    afterAll(async () => {
      await server.close();
    });
    const source = (mode: FixtureMode) => c.make(`${server.url}/${mode}`, mode === 'slow' ? TIMEOUT_MS : RELAXED_TIMEOUT_MS);

    it('answers a covered location with a sourced interval in gCO2e/kWh', async () => {
      const s = source('ok');
      expect(s.covers(c.covered)).toBe(true);
      expect(s.live).toBe(c.live);
      const at = new Date();
      const r = await s.current({ location: c.covered, at });
      if (r.state !== 'ok') throw new Error(`expected ok, got ${r.state}: ${'reason' in r ? r.reason : ''}`);
      expect(r.sourceId).toBe(s.id);
      expect(r.location).toEqual(c.covered);
      expect(estimateSchema.safeParse(r.intensity).success).toBe(true);
      expect(r.intensity.unit).toBe('gCO2e/kWh');
      expect(r.intensity.value).toBeGreaterThanOrEqual(0);
      expect(r.intensity.reasons.length).toBeGreaterThan(0);
      expect(r.intensity.sources.length).toBeGreaterThan(0);
      c.checkOk?.(r, at);
    });

    it('says "unsupported" for a location it does not cover, with a reason, without throwing', async () => {
      const s = source('ok');
      expect(s.covers(c.uncovered)).toBe(false);
      const r = await s.current({ location: c.uncovered });
      expect(r.state).toBe('unsupported');
      if (r.state === 'unsupported') expect(r.reason.length).toBeGreaterThan(10);
    });

    if (!c.live) return;

    const expectFallback = async (mode: FixtureMode, reason: RegExp) => {
      const started = Date.now();
      const r = await source(mode).current({ location: c.covered, at: new Date() });
      // a timeout must not wait for the slow server (20 s)
      expect(Date.now() - started).toBeLessThan(mode === 'slow' ? 5_000 : RELAXED_TIMEOUT_MS);
      if (r.state !== 'fallback') throw new Error(`expected a fallback for ${mode}, got ${r.state}`);
      expect(r.reason).toMatch(reason);
      expect(r.intensity.reasons[0]).toBe(r.reason);
      const embedded = await staticYearlySource().current({ location: c.covered });
      if (embedded.state !== 'ok') throw new Error('no embedded default for the covered location');
      expect(r.fallbackSourceId).toBe('static-yearly');
      expect(r.intensity.value).toBe(embedded.intensity.value);
    };

    it('falls back to the embedded default on a malformed response, and says so', () => expectFallback('malformed', /malformed response/));
    it('falls back when the body is not JSON', () => expectFallback('not-json', /not JSON/));
    it('falls back on a timeout', () => expectFallback('slow', new RegExp(`no answer within ${TIMEOUT_MS} ms`)));
    it('falls back on an HTTP error', () => expectFallback('http-500', /HTTP 500/));
    it('falls back when the data does not cover the moment asked for', () => expectFallback('stale', /no (half-hour|CO2Emis record)/));
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeaderboardPages } from '../pages/leaderboard-pages.js';
import type { ResultStore } from '../store/result-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { SubmissionBundle } from '../../core/submission-schema.js';
import { boundsProblems, MAX_ID_CHARS } from './input-bounds.js';
import { createLeaderboardApi } from './leaderboard-api.js';
import { isJsonContentType } from './request-guards.js';
import { makeBundle, makeCompletedResult } from './test-fixtures.js';

let store: ResultStore;
beforeEach(async () => {
  store = await SqliteStore.open(':memory:');
});
afterEach(async () => {
  await store.close();
});

const noLimit = { submit: { perMinute: 1e6, burst: 1e6 }, submitBytes: { perMinute: 1e9, burst: 1e9 }, read: { perMinute: 1e6, burst: 1e6 } };

function send(app: ReturnType<typeof createLeaderboardApi>, body: string, contentType = 'application/json', address = '198.51.100.1') {
  return app.request('/submissions', { method: 'POST', headers: { 'content-type': contentType }, body }, { incoming: { socket: { remoteAddress: address } } });
}

function mutated(mutate: (b: SubmissionBundle) => void): string {
  const b = structuredClone(makeBundle({ results: [makeCompletedResult()] }));
  mutate(b);
  return JSON.stringify(b);
}

describe('bounded inputs', () => {
  it('refuses overlong, empty and control-character text in every stored field with 400 (before any store)', async () => {
    const app = createLeaderboardApi({ store, rateLimit: noLimit });
    const cases: Array<[string, (b: SubmissionBundle) => void, RegExp]> = [
      ['empty model id', (b) => (b.results[0]!.cell.modelId = ''), /modelId is empty/],
      ['blank variant', (b) => (b.results[0]!.cell.variant = '   '), /variant is empty/],
      ['201-character model id', (b) => (b.results[0]!.cell.modelId = 'm'.repeat(MAX_ID_CHARS + 1)), /modelId is 201 characters/],
      ['1 MB model name', (b) => (b.results[0]!.cell.modelName = 'n'.repeat(1_000_000)), /modelName is 1000000 characters/],
      ['NUL in the model id', (b) => (b.results[0]!.cell.modelId = 'a\u0000b'), /modelId contains control characters/],
      ['CR/LF in the variant', (b) => (b.results[0]!.cell.variant = 'fp32\r\nX-Injected: 1'), /variant contains control characters/],
      ['NUL in a warning', (b) => (b.results[0]!.warnings = ['ok\u0000']), /warnings\[0\] contains control characters/],
      ['3 KB warning', (b) => (b.results[0]!.warnings = ['w'.repeat(3000)]), /warnings\[0\] is 3000 characters/],
      ['51 warnings', (b) => (b.results[0]!.warnings = Array.from({ length: 51 }, () => 'w')), /warnings holds 51 items/],
      ['lone surrogate', (b) => (b.results[0]!.cell.modelName = 'x\ud800y'), /unpaired UTF-16 surrogate/],
      ['NUL in an estimate key', (b) => (b.results[0]!.estimates!['e\u0000'] = b.results[0]!.estimates!.energyAttributableJ!), /key that contains control characters/],
      ['10 001 samples', (b) => (b.results[0]!.phases.steady.samplesMs = Array.from({ length: 10_001 }, () => 5)), /samplesMs holds 10001 items/],
    ];
    for (const [name, mutate, message] of cases) {
      const res = await send(app, mutated(mutate));
      expect(res.status, name).toBe(400);
      const body = (await res.json()) as { error: string; details: string[] };
      expect(body.details.join(' '), name).toMatch(message);
    }
    expect((await store.counts()).submissions).toBe(0);
    // 200 characters is fine
    expect((await send(app, mutated((b) => (b.results[0]!.cell.modelId = 'm'.repeat(MAX_ID_CHARS))))).status).toBe(201);
  });

  it('lists at most 20 problems however many fields are bad', () => {
    const b = makeBundle({ results: Array.from({ length: 30 }, (_, i) => makeCompletedResult({ seed: i })) });
    for (const r of b.results) r.cell.modelId = '';
    expect(boundsProblems(b)).toHaveLength(20);
    expect(boundsProblems(makeBundle())).toEqual([]);
  });

  it('deduplicates record ids case-insensitively, in one bundle and across bundles', async () => {
    const app = createLeaderboardApi({ store, rateLimit: noLimit });
    const r = makeCompletedResult({ seed: 3 });
    const upper = { ...r, id: r.id.toUpperCase() };
    const twice = await send(app, JSON.stringify(makeBundle({ results: [r, upper] })));
    expect(twice.status).toBe(422);
    expect((await send(app, JSON.stringify(makeBundle({ results: [r] })))).status).toBe(201);
    const again = await send(app, JSON.stringify(makeBundle({ results: [upper] })));
    expect(again.status).toBe(409);
    expect((await store.counts()).results).toBe(1);
  });

  it('accepts application/json (with charset utf-8) only', async () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/json;charset="utf-8"')).toBe(true);
    for (const t of ['application/jsonp', 'application/json-seq', 'application/json; charset=latin1', 'text/json', '', undefined]) {
      expect(isJsonContentType(t), String(t)).toBe(false);
    }
    const app = createLeaderboardApi({ store, rateLimit: noLimit });
    expect((await send(app, JSON.stringify(makeBundle()), 'application/jsonp')).status).toBe(415);
    expect((await send(app, JSON.stringify(makeBundle()), 'application/json; charset=utf-8')).status).toBe(201);
  });

  it('charges submission bytes to a per-address budget beside the request budget', async () => {
    const body = () => JSON.stringify(makeBundle());
    const size = Buffer.byteLength(body());
    const app = createLeaderboardApi({
      store,
      rateLimit: { ...noLimit, submitBytes: { perMinute: size, burst: size * 2.5 } },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(app, body(), 'application/json', '203.0.113.20')).status);
    expect(statuses).toEqual([201, 201, 429, 429]);
    const refused = await send(app, body(), 'application/json', '203.0.113.20');
    expect(((await refused.json()) as { error: string }).error).toMatch(/bytes of submissions/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send(app, body(), 'application/json', '192.0.2.99')).status).toBe(201);
  });

  it('answers NUL or overlong text in query parameters and paths with 400, on the API and the pages', async () => {
    const api = createLeaderboardApi({ store, rateLimit: noLimit });
    const pages = createLeaderboardPages({ store });
    for (const url of ['/leaderboard?modelId=a%00b', '/leaderboard?x%00=1', `/models/${'m'.repeat(300)}`, '/models/a%00b', '/export.csv?variant=%0d%0a', '/models/%E0%A4%A']) {
      const res = await api.request(url);
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: string }).error, url).toMatch(/cannot be answered/);
    }
    for (const url of ['/?modelId=%00', '/models/a%00b']) expect((await pages.request(url)).status, url).toBe(400);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeaderboardPages } from '../pages/leaderboard-pages.js';
import type { ResultStore } from '../store/result-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { createLeaderboardApi } from './leaderboard-api.js';
import type { SubmissionBundle } from '../../core/submission-schema.js';
import { makeBundle, makeCompletedResult, latencyStatsOf } from './test-fixtures.js';

let store: ResultStore;
beforeEach(async () => {
  store = await SqliteStore.open(':memory:');
});
afterEach(async () => {
  await store.close();
});

type Loose = Record<string, unknown>;
const loose = (x: unknown) => x as Loose;

function send(app: ReturnType<typeof createLeaderboardApi>, body: string, address = '198.51.100.1', headers: Record<string, string> = {}) {
  // the env carries the socket as @hono/node-server would, so the default address lookup is exercised
  return app.request(
    '/submissions',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

async function expectClientError(res: Response, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string; details?: string[] };
  expect(`${body.error} ${(body.details ?? []).join(' ')}`).toMatch(message);
}

const noLimit = { submit: { perMinute: 1e6, burst: 1e6 }, read: { perMinute: 1e6, burst: 1e6 } };

describe('hostile submissions get a 4xx with a message, never a 5xx', () => {
  it('refuses an oversize body, declared or streamed without a length', async () => {
    const app = createLeaderboardApi({ store, bodyLimitBytes: 10_000, rateLimit: noLimit });
    const big = JSON.stringify({ ...makeBundle(), padding: 'x'.repeat(20_000) });
    await expectClientError(await send(app, big), 413, /larger than 10000 bytes/);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(big.slice(i * 5000, (i + 1) * 5000)));
        controller.close();
      },
    });
    const res = await app.request(
      new Request('http://localhost/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
    );
    await expectClientError(res, 413, /larger than/);
    expect((await store.counts()).submissions).toBe(0);
  });

  it('refuses non-JSON, wrong content types and wrong shapes', async () => {
    const app = createLeaderboardApi({ store, rateLimit: noLimit });
    await expectClientError(await send(app, '{"bundleVersion": 1,'), 400, /not valid JSON/);
    await expectClientError(await send(app, 'NaN'), 400, /not valid JSON/);
    await expectClientError(await send(app, JSON.stringify(makeBundle()), undefined, { 'content-type': 'text/plain' }), 415, /application\/json/);
    await expectClientError(await send(app, 'null'), 400, /schema/);
    await expectClientError(await send(app, '[]'), 400, /schema/);
    await expectClientError(await send(app, `${'['.repeat(50_000)}${']'.repeat(50_000)}`), 400, /schema|JSON|nested/);
    const cases: Array<[string, (b: SubmissionBundle) => void, RegExp]> = [
      ['cores as text', (b) => (loose(b.device).cores = '8'), /device\.cores/],
      ['results not an array', (b) => (loose(b).results = { 0: b.results[0] }), /results/],
      ['submission id not a UUID', (b) => (b.submissionId = "1' OR '1'='1"), /submissionId/],
      ['unknown bundle version', (b) => (loose(b).bundleVersion = 2), /bundleVersion/],
      ['user agent slipped into the device', (b) => (loose(b.device).userAgent = 'Mozilla/5.0'), /userAgent|Unrecognized/],
      ['memory outside the browser buckets', (b) => (b.device.memoryGiB = 12), /memoryGiB/],
      ['absurd core count', (b) => (b.device.cores = 1e9), /device\.cores/],
      ['control characters in a device field', (b) => (b.device.platform = 'And\u0000roid'), /control characters/],
      ['an errored record', (b) => (loose(b.results[0]).state = 'errored'), /results\.0/],
      ['Infinity (1e999)', (b) => (loose(b.results[0]!.phases).loadMs = 'INF'), /loadMs/],
      ['negative sample', (b) => (b.results[0]!.phases.steady.samplesMs[0] = -1), /samplesMs/],
      ['estimate low above value', (b) => (b.results[0]!.estimates!.energyAttributableJ!.low = 1), /low <= value/],
      ['too many results', (b) => (b.results = Array.from({ length: 201 }, () => b.results[0]!)), /results/],
      ['overlong model id', (b) => (b.variantFacts = [{ modelId: 'm'.repeat(5000), variant: 'fp32', flopsPerInference: 1 }]), /variantFacts/],
    ];
    for (const [name, mutate, message] of cases) {
      const b = structuredClone(makeBundle());
      mutate(b);
      const body = JSON.stringify(b).replace('"INF"', '1e999');
      const res = await send(app, body);
      expect(res.status, name).toBe(400);
      await expectClientError(res, 400, message);
    }
    expect((await store.counts()).submissions).toBe(0);
  });

  it('refuses numbers that are zero, absurd or inconsistent with the samples (422)', async () => {
    const app = createLeaderboardApi({ store, rateLimit: noLimit });
    const cases: Array<[string, (b: SubmissionBundle) => void, RegExp]> = [
      ['zero sample', (b) => (b.results[0]!.phases.steady.samplesMs[3] = 0), /samplesMs\[3\]/],
      ['a sample of 31 years', (b) => (b.results[0]!.phases.steady.samplesMs[0] = 1e12), /samplesMs\[0\]/],
      ['n does not match the samples', (b) => (b.results[0]!.phases.steady.stats.n = 61), /stats\.n is 61 but samplesMs holds 60/],
      ['forged median', (b) => (b.results[0]!.phases.steady.stats.medianMs *= 0.5), /median of samplesMs/],
      ['forged minimum', (b) => (b.results[0]!.phases.steady.stats.minMs = 0.001), /minMs/],
      ['absurd energy', (b) => Object.assign(b.results[0]!.estimates!.energyAttributableJ!, { value: 1e9, high: 2e9 }), /believable/],
      ['zero energy', (b) => Object.assign(b.results[0]!.estimates!.energyAttributableJ!, { value: 0, low: 0 }), /positive/],
      ['energy in the wrong unit', (b) => (b.results[0]!.estimates!.energyAttributableJ!.unit = 'mJ'), /unit "mJ" is not "J"/],
      ['the same record twice', (b) => b.results.push(b.results[0]!), /appears twice/],
    ];
    for (const [name, mutate, message] of cases) {
      const b = structuredClone(makeBundle());
      mutate(b);
      const res = await send(app, JSON.stringify(b));
      expect(res.status, name).toBe(422);
      await expectClientError(res, 422, message);
    }
    expect((await store.counts()).submissions).toBe(0);
  });
});

const SCRIPT = '<script>alert(1)</script>';
const SQL = "x'); DROP TABLE results; --";
const BOTH = `${SCRIPT}"'><img src=x onerror=alert(2)>${SQL}`;

/** Every free-text field of a bundle, set to a hostile value. */
const TEXT_FIELDS: Array<[string, (b: SubmissionBundle, s: string) => void]> = [
  ['tool.version', (b, s) => (b.tool.version = s)],
  ['device.platform', (b, s) => (b.device.platform = s)],
  ['device.model', (b, s) => (b.device.model = s)],
  ['device.gpu.vendor', (b, s) => (b.device.gpu = { vendor: s, architecture: 'valhall' })],
  ['device.gpu.architecture', (b, s) => (b.device.gpu = { vendor: 'arm', architecture: s })],
  ['cell.modelId', (b, s) => (b.results[0]!.cell.modelId = s)],
  ['cell.variant', (b, s) => (b.results[0]!.cell.variant = s)],
  ['cell.modelName', (b, s) => (b.results[0]!.cell.modelName = s)],
  ['createdAt', (b, s) => (b.results[0]!.createdAt = s)],
  ['runtimeVersion', (b, s) => (b.results[0]!.runtimeVersion = s)],
  ['warnings', (b, s) => (b.results[0]!.warnings = [s])],
  ['fidelity reason', (b, s) => (b.results[0]!.fidelity = { state: 'not-compared', reason: s })],
  ['estimate reason', (b, s) => (b.results[0]!.estimates!.energyAttributableJ!.reasons = [s])],
  ['estimate source', (b, s) => (b.results[0]!.estimates!.energyAttributableJ!.sources = [{ id: s, title: s, url: s }])],
  ['estimate key', (b, s) => (b.results[0]!.estimates![s] = { ...b.results[0]!.estimates!.energyAttributableJ!, unit: 'W' })],
  ['variantFacts', (b, s) => (b.variantFacts = [{ modelId: s, variant: s, flopsPerInference: 1e6 }])],
];

describe('hostile text in every field', () => {
  it('is refused or stored literally, and every page renders it escaped', async () => {
    const api = createLeaderboardApi({ store, publicMinN: 1, publicMinNetworks: 1, rateLimit: noLimit });
    const pages = createLeaderboardPages({ store, publicMinN: 1, publicMinNetworks: 1 });
    let accepted = 0;
    for (const value of [SCRIPT, SQL, BOTH]) {
      for (const [field, set] of TEXT_FIELDS) {
        const b = structuredClone(makeBundle({ results: [makeCompletedResult({ seed: accepted })] }));
        set(b, value);
        const res = await send(api, JSON.stringify(b));
        expect(res.status, `${field} = ${value}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect((await res.json()).error, field).toBeTruthy();
          continue;
        }
        accepted++;
        const stored = await store.getSubmission(b.submissionId);
        expect(JSON.parse(stored!.payloadJson), field).toEqual(JSON.parse(JSON.stringify(b)));
      }
    }
    // the tables survived every SQL-looking string
    expect((await store.counts()).submissions).toBe(accepted);
    expect(accepted).toBeGreaterThanOrEqual(TEXT_FIELDS.length * 2);

    const urls = ['/', '/?scope=class', `/models/${encodeURIComponent(SCRIPT)}`, `/models/${encodeURIComponent(BOTH)}`];
    const listing = await (await pages.request('/')).text();
    for (const m of listing.matchAll(/href="(\/leaderboard\/devices\/[0-9a-f]{16})"/g)) urls.push(m[1]!.replace('/leaderboard', ''));
    for (const url of urls) {
      const res = await pages.request(url);
      expect(res.status, url).toBe(200);
      const page = await res.text();
      // escaped text may still read "onerror=alert", but no tag can open
      expect(page, url).not.toMatch(/<script|<img/i);
    }
    expect(listing).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(listing).toContain('x&#39;); DROP TABLE results; --');
    const json = await api.request('/leaderboard');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('a flood from one address', () => {
  it('is rate-limited with 429 and Retry-After, without touching other addresses or the store', async () => {
    const app = createLeaderboardApi({ store, rateLimit: { submit: { perMinute: 10, burst: 5 }, read: { perMinute: 600, burst: 100 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const body = i % 2 === 0 ? JSON.stringify(makeBundle()) : 'garbage';
      statuses.push((await send(app, body, '203.0.113.7')).status);
    }
    expect(statuses.slice(0, 5)).toEqual([201, 400, 201, 400, 201]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const limited = await send(app, JSON.stringify(makeBundle()), '203.0.113.7');
    expect(limited.headers.get('retry-after')).toBe('6');
    await expectClientError(limited, 429, /Too many requests/);
    expect((await send(app, JSON.stringify(makeBundle()), '192.0.2.44')).status).toBe(201);
    expect((await store.counts()).submissions).toBe(4);
    // an IPv6 flooder cannot dodge by rotating addresses inside its /64
    for (let i = 0; i < 5; i++) await send(app, 'garbage', `2001:db8:1:2::${i + 1}`);
    expect((await send(app, 'garbage', '2001:db8:1:2::ffff')).status).toBe(429);
  });

  it('limits reads separately from submissions', async () => {
    const app = createLeaderboardApi({ store, rateLimit: { submit: { perMinute: 10, burst: 5 }, read: { perMinute: 60, burst: 3 } } });
    const env = { incoming: { socket: { remoteAddress: '203.0.113.8' } } };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request('/leaderboard', {}, env)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await send(app, JSON.stringify(makeBundle()), '203.0.113.8')).status).toBe(201);
  });
});

describe('test fixtures', () => {
  it('compute the statistics the consistency checks expect', () => {
    const r = makeCompletedResult({ medianMs: 7, samples: 51 });
    expect(latencyStatsOf(r.phases.steady.samplesMs)).toEqual(r.phases.steady.stats);
    expect(r.phases.steady.stats.medianMs).toBeCloseTo(7, 12);
  });
});

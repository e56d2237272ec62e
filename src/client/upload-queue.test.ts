import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeaderboardApi } from '../server/leaderboard/leaderboard-api.js';
import { makeBundle, makeCompletedResult } from '../server/leaderboard/test-fixtures.js';
import type { ResultStore } from '../server/store/result-store.js';
import { SqliteStore } from '../server/store/sqlite-store.js';
import { RESULT_SCHEMA_VERSION, type RunReport } from '../core/result-schema.js';
import { protocolSchema } from '../core/cell.js';
import { UploadQueue, type SendOutcome, type UploadTransport } from './upload-queue.js';
import { createFetchTransport } from './upload-queue-fetch.js';
import { MemoryUploadStorage } from './upload-queue-memory.js';
import { buildSubmissionBundle } from './upload-queue-bundle.js';

/** A clock and timer the test advances by hand. */
function fakeTime() {
  let now = 1_000_000;
  let wake: { at: number; fn: () => void } | null = null;
  return {
    nowMs: () => now,
    schedule: (fn: () => void, delayMs: number) => {
      const entry = { at: now + delayMs, fn };
      wake = entry;
      return () => {
        if (wake === entry) wake = null;
      };
    },
    get nextWakeInMs() {
      return wake ? wake.at - now : null;
    },
    /** moves the clock and fires the wake-up if it is due; returns after the queue settled */
    async advance(ms: number, queue: UploadQueue) {
      now += ms;
      if (wake && wake.at <= now) {
        const fn = wake.fn;
        wake = null;
        fn();
      }
      await queue.flush();
    },
  };
}

function scripted(outcomes: SendOutcome[]): UploadTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(bundle) {
      sent.push(bundle.submissionId);
      return outcomes.shift() ?? { kind: 'retry', reason: 'script ran out' };
    },
  };
}

const ack = (submissionId: string) => ({ kind: 'acked' as const, ack: { submissionId, receivedAt: '2025-01-01T00:00:00.000Z', results: 1 } });

describe('UploadQueue', () => {
  it('stores a bundle before sending and marks it acked', async () => {
    const storage = new MemoryUploadStorage();
    const bundle = makeBundle();
    const transport = scripted([ack(bundle.submissionId)]);
    const queue = new UploadQueue({ storage, transport, ...fakeTime(), random: () => 0.5 });
    await queue.enqueue(bundle);
    await queue.flush();
    expect(transport.sent).toEqual([bundle.submissionId]);
    expect(await storage.get(bundle.submissionId)).toMatchObject({ state: 'acked', attempts: 1 });
  });

  it('retries with growing, jittered back-off until acknowledged, honouring Retry-After', async () => {
    const time = fakeTime();
    const storage = new MemoryUploadStorage();
    const bundle = makeBundle();
    const transport = scripted([
      { kind: 'retry', reason: 'offline' },
      { kind: 'retry', reason: 'HTTP 503' },
      { kind: 'retry', reason: 'rate limited', retryAfterMs: 60_000 },
      ack(bundle.submissionId),
    ]);
    const queue = new UploadQueue({ storage, transport, nowMs: time.nowMs, schedule: time.schedule, random: () => 1, baseDelayMs: 1000 });
    await queue.enqueue(bundle);
    await queue.flush();
    expect(await storage.get(bundle.submissionId)).toMatchObject({ state: 'pending', attempts: 1, lastError: 'offline' });
    expect(time.nextWakeInMs).toBe(1000);
    await time.advance(999, queue);
    expect(transport.sent).toHaveLength(1); // not due yet
    await time.advance(1, queue);
    expect(transport.sent).toHaveLength(2);
    expect(time.nextWakeInMs).toBe(2000);
    await time.advance(2000, queue);
    expect(time.nextWakeInMs).toBe(60_000); // Retry-After beats the 4 s back-off
    await time.advance(60_000, queue);
    expect(await storage.get(bundle.submissionId)).toMatchObject({ state: 'acked', attempts: 4 });
    expect(time.nextWakeInMs).toBeNull();
  });

  it('resumes pending uploads after a reload (a new queue on the same storage)', async () => {
    const storage = new MemoryUploadStorage();
    const bundle = makeBundle();
    const offline = new UploadQueue({ storage, transport: scripted([{ kind: 'retry', reason: 'offline' }]), ...fakeTime() });
    await offline.enqueue(bundle);
    await offline.flush();
    offline.stop();
    const online = scripted([ack(bundle.submissionId)]);
    const reloaded = new UploadQueue({ storage, transport: online, ...fakeTime() });
    await reloaded.start();
    await reloaded.flush(true);
    expect(online.sent).toEqual([bundle.submissionId]);
    expect((await storage.get(bundle.submissionId))?.state).toBe('acked');
  });

  it('keeps one queue entry per submission id', async () => {
    const storage = new MemoryUploadStorage();
    const bundle = makeBundle();
    const queue = new UploadQueue({ storage, transport: scripted([]), ...fakeTime() });
    await queue.enqueue(bundle);
    await queue.enqueue(structuredClone(bundle));
    expect(await queue.list()).toHaveLength(1);
    queue.stop();
  });

  it('stops retrying content the server refused, and says why', async () => {
    const time = fakeTime();
    const storage = new MemoryUploadStorage();
    const bundle = makeBundle();
    const transport = scripted([{ kind: 'rejected', reason: 'stats.n is 61 but samplesMs holds 60 samples' }]);
    const queue = new UploadQueue({ storage, transport, nowMs: time.nowMs, schedule: time.schedule });
    await queue.enqueue(bundle);
    await queue.flush();
    expect(await storage.get(bundle.submissionId)).toMatchObject({ state: 'rejected', lastError: /samplesMs/ });
    expect(time.nextWakeInMs).toBeNull();
    await queue.flush(true);
    expect(transport.sent).toHaveLength(1);
  });

  it('gives up after a bounded number of server failures, keeping the reason; offline and 429 do not count', async () => {
    const time = fakeTime();
    const storage = new MemoryUploadStorage();
    const bundle = makeBundle();
    const fail = { kind: 'retry' as const, reason: 'The leaderboard could not complete this request', serverFault: true };
    const transport = scripted([fail, { kind: 'retry', reason: 'offline' }, { kind: 'retry', reason: 'rate limited' }, fail, fail]);
    const queue = new UploadQueue({ storage, transport, nowMs: time.nowMs, schedule: time.schedule, random: () => 1, baseDelayMs: 1000, maxServerFailures: 3 });
    await queue.enqueue(bundle);
    await queue.flush();
    for (let i = 0; i < 4; i++) await queue.flush(true);
    expect(transport.sent).toHaveLength(5);
    const item = await storage.get(bundle.submissionId);
    expect(item).toMatchObject({ state: 'rejected', serverFailures: 3, lastError: expect.stringMatching(/failed 3 times; gave up.*could not complete/) });
    expect(time.nextWakeInMs).toBeNull();
    await queue.flush(true);
    expect(transport.sent).toHaveLength(5);
  });

  it('refuses to queue a bundle that is not shareable, with a hint', async () => {
    const queue = new UploadQueue({ storage: new MemoryUploadStorage(), transport: scripted([]), ...fakeTime() });
    const bad = { ...makeBundle(), results: [] };
    await expect(queue.enqueue(bad)).rejects.toMatchObject({ hint: expect.stringMatching(/completed results/) });
  });

  it('treats a transport that throws as "retry later"', async () => {
    const storage = new MemoryUploadStorage();
    const bundle = makeBundle();
    const queue = new UploadQueue({ storage, transport: { send: async () => Promise.reject(new Error('socket hang up')) }, ...fakeTime() });
    await queue.enqueue(bundle);
    await queue.flush();
    expect(await storage.get(bundle.submissionId)).toMatchObject({ state: 'pending', lastError: 'socket hang up' });
    queue.stop();
  });
});

describe('UploadQueue against the real API (in process)', () => {
  let store: ResultStore;
  beforeEach(async () => {
    store = await SqliteStore.open(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('server down, then up, then an ack lost on the way back: stored exactly once', async () => {
    const api = createLeaderboardApi({ store, publicMinN: 1 });
    let mode: 'down' | 'lose-ack' | 'up' = 'down';
    const fetchViaApp: typeof fetch = async (input, init) => {
      if (mode === 'down') throw new TypeError('Failed to fetch');
      const res = await api.request(String(input), init as RequestInit);
      if (mode === 'lose-ack') throw new TypeError('network changed');
      return res;
    };
    const time = fakeTime();
    const storage = new MemoryUploadStorage();
    const queue = new UploadQueue({ storage, transport: createFetchTransport({ endpoint: '/submissions', fetch: fetchViaApp }), nowMs: time.nowMs, schedule: time.schedule });
    const bundle = makeBundle({ results: [makeCompletedResult({ seed: 3 })] });
    await queue.enqueue(bundle);
    await queue.flush();
    expect((await storage.get(bundle.submissionId))?.lastError).toMatch(/unreachable/);
    mode = 'lose-ack';
    await queue.flush(true);
    expect((await storage.get(bundle.submissionId))?.state).toBe('pending');
    expect((await store.counts()).submissions).toBe(1); // the server has it; the app does not know yet
    mode = 'up';
    await queue.flush(true);
    expect(await storage.get(bundle.submissionId)).toMatchObject({ state: 'acked', ack: { submissionId: bundle.submissionId, results: 1 } });
    expect(await store.counts()).toMatchObject({ submissions: 1, results: 1 });
  });

  it('sorts server answers: 4xx content errors are final, 429 and 5xx are retried', async () => {
    const api = createLeaderboardApi({ store, rateLimit: { submit: { perMinute: 1, burst: 1 }, read: { perMinute: 60, burst: 60 } } });
    const transport = createFetchTransport({ endpoint: '/submissions', fetch: async (i, init) => api.request(String(i), init as RequestInit) });
    const broken = structuredClone(makeBundle());
    broken.results[0]!.phases.steady.stats.n = 1;
    const refused = await transport.send(broken);
    expect(refused).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/stats\.n is 1/) });
    expect(await transport.send(makeBundle())).toMatchObject({ kind: 'retry', retryAfterMs: 60_000 });
    const down = createFetchTransport({ fetch: async () => new Response('<html>bad gateway</html>', { status: 502 }) });
    expect(await down.send(makeBundle())).toMatchObject({ kind: 'retry', reason: 'HTTP 502', serverFault: true });
    // what the server now refuses before any store, e.g. a NUL in a field, is final with its reason
    const withNul = structuredClone(makeBundle());
    withNul.results[0]!.cell.modelName = 'model\u0000name';
    const open = createLeaderboardApi({ store });
    const openTransport = createFetchTransport({ endpoint: '/submissions', fetch: async (i, init) => open.request(String(i), init as RequestInit) });
    expect(await openTransport.send(withNul)).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/control characters/) });
    const portal = createFetchTransport({ fetch: async () => new Response('<html>login</html>', { status: 200 }) });
    expect(await portal.send(makeBundle())).toMatchObject({ kind: 'retry' });
  });
});

describe('buildSubmissionBundle', () => {
  it('shares completed results and a coarse device descriptor only', () => {
    const completed = makeCompletedResult();
    const report: RunReport = {
      schemaVersion: RESULT_SCHEMA_VERSION,
      runId: crypto.randomUUID(),
      tool: { name: 'edgewatt', version: '0.1.0' },
      suite: 'app',
      startedAt: '2025-11-26T10:00:00.000Z',
      finishedAt: '2025-11-26T10:05:00.000Z',
      protocol: protocolSchema.parse({}),
      environment: {
        userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36',
        uaData: { platform: 'Android', model: 'Pixel 7', mobile: true, platformVersion: '14.0.0' },
        hardwareConcurrency: 8,
        deviceMemoryGiB: 8,
        crossOriginIsolated: true,
        timerResolutionMs: 0.005,
        gpu: { available: true, adapter: { vendor: 'arm', architecture: 'valhall', device: '', description: 'Mali-G710', isFallbackAdapter: false, features: ['timestamp-query'] } },
        visibility: 'visible',
        computePressure: 'nominal',
        runtimeVersions: { ort: '1.30.0' },
      },
      results: [
        completed,
        { schemaVersion: 1, id: crypto.randomUUID(), createdAt: 'x', cell: { ...completed.cell }, state: 'skipped', reason: 'no webgl' },
      ],
      notRun: [],
    };
    const bundle = buildSubmissionBundle({ report });
    expect(bundle.results.map((r) => r.id)).toEqual([completed.id]);
    expect(bundle.device).toEqual({ class: 'phone', platform: 'Android', model: 'Pixel 7', gpu: { vendor: 'arm', architecture: 'valhall' }, cores: 8, memoryGiB: 8 });
    expect(JSON.stringify(bundle)).not.toMatch(/Mozilla|Mali-G710|platformVersion/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite-store.js';
import type { ResultStore } from '../store/result-store.js';
import { createLeaderboardApi } from './leaderboard-api.js';
import { makeBundle, makeCompletedResult, makeDevice } from './test-fixtures.js';

let store: ResultStore;
beforeEach(async () => {
  store = await SqliteStore.open(':memory:');
});
afterEach(async () => {
  await store.close();
});

const post = (app: ReturnType<typeof createLeaderboardApi>, body: unknown, headers: Record<string, string> = {}, address = '198.51.100.1') =>
  app.request(
    '/submissions',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: address } } },
  );

describe('POST /submissions', () => {
  it('acknowledges a valid bundle with 201 and a replay with 200 and the same ack, storing it once', async () => {
    const app = createLeaderboardApi({ store, now: () => new Date('2025-11-26T12:00:00Z') });
    const bundle = makeBundle({ results: [makeCompletedResult({ seed: 1 }), makeCompletedResult({ seed: 2, backend: 'webgpu' })] });
    const first = await post(app, bundle);
    expect(first.status).toBe(201);
    const ack = await first.json();
    expect(ack).toEqual({ submissionId: bundle.submissionId, receivedAt: '2025-11-26T12:00:00.000Z', results: 2 });
    const replay = await post(app, bundle);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(ack);
    expect(await store.counts()).toMatchObject({ submissions: 1, results: 2 });
  });

  it('gives a quarantined submission the same kind of ack and keeps it out of the ranking', async () => {
    const app = createLeaderboardApi({ store, publicMinN: 1 });
    // 500 W on a phone cannot be real
    const bundle = makeBundle({ results: [makeCompletedResult({ powerW: 500 })] });
    const res = await post(app, bundle);
    expect(res.status).toBe(201);
    expect(Object.keys(await res.json()).sort()).toEqual(['receivedAt', 'results', 'submissionId']);
    expect((await store.counts()).quarantined).toBe(1);
    const board = await (await app.request('/leaderboard')).json();
    expect(board.rows).toEqual([]);
  });

  it('quarantines a latency below the compute bound when the bundle gives FLOPs', async () => {
    const app = createLeaderboardApi({ store, publicMinN: 1 });
    // 1e12 FLOPs in 1 ms on 8 CPU threads would need 1000 TFLOP/s
    const result = makeCompletedResult({ medianMs: 1, modelId: 'big', variant: 'fp32' });
    const res = await post(app, makeBundle({ results: [result], variantFacts: [{ modelId: 'big', variant: 'fp32', flopsPerInference: 1e12 }] }));
    expect(res.status).toBe(201);
    const stored = await store.getSubmission((await res.json()).submissionId);
    expect(stored?.results[0]?.quarantineReasons.join()).toMatch(/compute bound/);
  });

  it('refuses a reused id with different content (409)', async () => {
    const app = createLeaderboardApi({ store });
    const bundle = makeBundle();
    await post(app, bundle);
    const res = await post(app, makeBundle({ submissionId: bundle.submissionId }));
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatch(/new submission id/);
  });
});

describe('GET endpoints', () => {
  async function seeded() {
    const app = createLeaderboardApi({ store, publicMinN: 3 });
    const laptop = makeDevice({ class: 'laptop', platform: 'macOS', model: null, gpu: { vendor: 'apple', architecture: 'metal-3' } });
    // each submission from its own network: rows need corroboration from several
    for (const [i, ms] of [10, 12, 14].entries()) {
      await post(app, makeBundle({ results: [makeCompletedResult({ seed: i, medianMs: ms })] }), {}, `198.51.${i}.1`);
      await post(app, makeBundle({ device: laptop, results: [makeCompletedResult({ seed: i, medianMs: ms / 2, backend: 'webgpu', powerW: 8 })] }), {}, `203.0.${i}.9`);
    }
    // below publicMinN: must stay private
    await post(app, makeBundle({ results: [makeCompletedResult({ modelId: 'rare', medianMs: 3 })] }));
    return app;
  }

  it('serves the leaderboard sorted by energy by default, only rows with n ≥ publicMinN', async () => {
    const app = await seeded();
    const res = await app.request('/leaderboard');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(2);
    expect(body.rows.map((r: { modelId: string }) => r.modelId)).toEqual(['ppocr-cls', 'ppocr-cls']);
    const energies = body.rows.map((r: { energyJ: { median: number } }) => r.energyJ.median);
    expect(energies[0]).toBeLessThan(energies[1]);
    expect(body.units).toMatchObject({ latency: 'ms', energy: 'J' });
    const byLatency = await (await app.request('/leaderboard?sort=latency&backend=webgpu')).json();
    expect(byLatency.rows).toHaveLength(1);
    expect(byLatency.rows[0].latencyMs.median).toBeCloseTo(6, 9);
  });

  it('serves per-model and per-device views, and 404 for private or unknown ones', async () => {
    const app = await seeded();
    const model = await (await app.request('/models/ppocr-cls')).json();
    expect(model.total).toBe(2);
    expect((await app.request('/models/rare')).status).toBe(404);
    const devices = await (await app.request('/devices')).json();
    expect(devices.devices).toHaveLength(2);
    // the phone's fourth submission (model "rare") counts: it is a ranked submission of that device
    expect(devices.totalSubmissions).toBe(7);
    expect(devices.devices[0].share).toBeCloseTo(4 / 7, 9);
    const one = await (await app.request(`/devices/${devices.devices[0].id}`)).json();
    expect(one.device.id).toBe(devices.devices[0].id);
    expect(one.rows).toHaveLength(1); // "rare" stays private on the device page too
    expect((await app.request('/devices/0123456789abcdef')).status).toBe(404);
    expect((await app.request('/devices/not-an-id')).status).toBe(400);
    expect((await (await app.request('/models')).json()).models).toEqual([{ modelId: 'ppocr-cls', variants: 1, publicRows: 2 }]);
  });

  it('exports JSON and CSV with the same rows', async () => {
    const app = await seeded();
    const json = await (await app.request('/export.json')).json();
    const csvRes = await app.request('/export.csv?sort=latency');
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csvRes.text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + json.total);
    expect(lines[0]).toMatch(/^scope,model_id,variant/);
  });

  it('answers bad query parameters with 400 and a message', async () => {
    const app = await seeded();
    for (const q of ['sort=price', 'limit=0', 'limit=abc', 'backend=cuda', 'deviceClass=server', 'offset=-1', 'scope=world']) {
      const res = await app.request(`/leaderboard?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error, q).toMatch(/invalid query parameter/);
    }
  });

  it('says 404 with a message for unknown endpoints', async () => {
    const app = createLeaderboardApi({ store });
    const res = await app.request('/nope');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/No leaderboard endpoint/);
  });

  it('answers 503 with a retry hint, not a crash, when the store fails', async () => {
    const broken = { ...store, leaderboard: async () => Promise.reject(new Error('disk gone')) } as unknown as ResultStore;
    const logged: unknown[] = [];
    const app = createLeaderboardApi({ store: broken, logError: (_m, err) => logged.push(err) });
    const res = await app.request('/leaderboard');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(JSON.stringify(await res.json())).not.toMatch(/disk gone/);
    expect(String(logged[0])).toMatch(/disk gone/);
  });
});

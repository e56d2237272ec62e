import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeaderboardApi } from '../../server/leaderboard/leaderboard-api.js';
import { makeBundle, makeCompletedResult, makeDevice } from '../../server/leaderboard/test-fixtures.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { fetchLeaderboard, fetchModels, leaderboardQueryString } from './leaderboard-client.js';
import { aggregateText, formatQuantity } from './quantity-text.js';

describe('leaderboard client', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await SqliteStore.open(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads the real API with filters, n and IQR', async () => {
    const api = createLeaderboardApi({ store, publicMinN: 2, publicMinNetworks: 1 });
    const viaApi = async (input: RequestInfo | URL, init?: RequestInit) => api.request(String(input).replace('/api/leaderboard', ''), init);
    for (const [seed, medianMs] of [[1, 10], [2, 14], [3, 30]] as const) {
      const bundle = makeBundle({ results: [makeCompletedResult({ seed, modelId: 'mlp-s', medianMs })], device: makeDevice({ cores: 8 }) });
      expect((await api.request('/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bundle) })).status).toBe(201);
    }
    const answer = await fetchLeaderboard({ modelId: 'mlp-s', runtime: 'ort', sort: 'latency' }, { fetch: viaApi });
    expect(answer.state).toBe('ok');
    if (answer.state !== 'ok') return;
    expect(answer.data.rows).toHaveLength(1);
    const [r] = answer.data.rows;
    expect(r).toMatchObject({ modelId: 'mlp-s', n: 3, latencyMs: { median: 14 } });
    expect(aggregateText(r!.latencyMs, 'latency')).toEqual({ main: '14.0 ms', detail: 'IQR 12.0 ms–22.0 ms, measured' });
    expect(aggregateText(r!.energyJ, 'energy').detail).toMatch(/modelled, n=3$/);
    expect((await fetchLeaderboard({ modelId: 'cnn-s' }, { fetch: viaApi })).state === 'ok').toBe(true);
    const models = await fetchModels({ fetch: viaApi });
    expect(models.state === 'ok' && models.data.models.map((m) => m.modelId)).toEqual(['mlp-s']);
  });

  it('says offline without throwing when there is no answer, and passes on the server message otherwise', async () => {
    const down = await fetchLeaderboard({}, { fetch: async () => Promise.reject(new TypeError('Failed to fetch')), online: () => false });
    expect(down).toEqual({ state: 'offline', message: expect.stringContaining('This device is offline') });
    const unreachable = await fetchLeaderboard({}, { fetch: async () => Promise.reject(new TypeError('Failed to fetch')), online: () => true });
    expect(unreachable).toMatchObject({ state: 'offline', message: expect.stringContaining('cannot be reached') });
    const bad = await fetchLeaderboard({}, { fetch: async () => Response.json({ error: 'invalid query parameter sort' }, { status: 400 }) });
    expect(bad).toEqual({ state: 'error', message: 'The leaderboard refused the request: invalid query parameter sort' });
    const portal = await fetchLeaderboard({}, { fetch: async () => new Response('<html>sign in</html>', { status: 200 }) });
    expect(portal.state).toBe('error');
  });

  it('leaves empty filters out of the query', () => {
    expect(leaderboardQueryString({ modelId: 'mlp-s', variant: '', backend: undefined, sort: 'sci' })).toBe('?modelId=mlp-s&sort=sci');
    expect(leaderboardQueryString({})).toBe('');
  });

  it('gives every figure a unit at a readable scale', () => {
    expect(formatQuantity(2.5e-4, 'J')).toBe('250 µJ');
    expect(formatQuantity(3.1e-8, 'gCO2e')).toBe('31.0 ngCO2e');
    expect(formatQuantity(0.012, 'ms')).toBe('12 µs');
  });
});

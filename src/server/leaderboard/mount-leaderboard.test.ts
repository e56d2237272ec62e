import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultStore } from '../store/result-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { leaderboardSettingsFromEnv, mountLeaderboard } from './mount-leaderboard.js';
import { makeBundle } from './test-fixtures.js';

let store: ResultStore;
beforeEach(async () => {
  store = await SqliteStore.open(':memory:');
});
afterEach(async () => {
  await store.close();
});

/** Like the real server: the leaderboard first, then an SPA fallback that answers everything. */
function appWithFallback() {
  const app = new Hono();
  // the fixtures' results carry no output digest: proof of run (zoo-digests.test.ts) is off here
  mountLeaderboard(app, { store, publicMinN: 1, publicMinNetworks: 1, knownDigests: undefined });
  app.get('*', (c) => c.html('<!doctype html><title>app</title>'));
  return app;
}

describe('mountLeaderboard', () => {
  it('serves the API and the pages under their paths, with their own 404s ahead of the SPA fallback', async () => {
    const app = appWithFallback();
    const post = await app.request('/api/leaderboard/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeBundle()),
    });
    expect(post.status).toBe(201);
    const page = await app.request('/leaderboard');
    expect(await page.text()).toContain('href="/leaderboard/models/ppocr-cls"');
    const unknownApi = await app.request('/api/leaderboard/nope');
    expect(unknownApi.status).toBe(404);
    expect((await unknownApi.json()).error).toMatch(/No leaderboard endpoint/);
    const unknownPage = await app.request('/leaderboard/nope');
    expect(unknownPage.status).toBe(404);
    expect(await unknownPage.text()).toContain('There is no leaderboard page here');
    expect(await (await app.request('/somewhere-else')).text()).toContain('<title>app</title>');
  });

  it('reads the public threshold from EDGEWATT_PUBLIC_MIN_N and refuses nonsense', () => {
    expect(leaderboardSettingsFromEnv({})).toMatchObject({ publicMinN: 3, publicMinNetworks: 2, trustProxy: { kind: 'none' } });
    expect(() => leaderboardSettingsFromEnv({ EDGEWATT_PUBLIC_MIN_NETWORKS: 'two' })).toThrow(/EDGEWATT_PUBLIC_MIN_NETWORKS/);
    expect(() => leaderboardSettingsFromEnv({ TRUST_PROXY: 'my-proxy' })).toThrow(/TRUST_PROXY/);
    expect(leaderboardSettingsFromEnv({ EDGEWATT_PUBLIC_MIN_N: '5', TRUST_PROXY: '1' })).toMatchObject({ publicMinN: 5, trustProxy: { kind: 'hops', hops: 1 } });
    expect(() => leaderboardSettingsFromEnv({ EDGEWATT_PUBLIC_MIN_N: '0' })).toThrow(/whole number ≥ 1/);
  });
});

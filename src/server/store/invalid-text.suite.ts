import { expect, it } from 'vitest';
import { createLeaderboardApi } from '../leaderboard/leaderboard-api.js';
import { makeBundle, makeCompletedResult } from '../leaderboard/test-fixtures.js';
import type { ResultStore } from './result-store.js';

/**
 * Part of the shared store suite: text a store cannot hold is a 400 from the API in front of it,
 * never a 503 from the store (PostgreSQL refuses NUL in text and index entries over ~2.7 KB).
 */
export function describeInvalidText(getStore: () => ResultStore): void {
  it('answers NUL, overlong ids and unpaired surrogates with 400 in front of this store, and stores nothing', async () => {
    const store = getStore();
    const api = createLeaderboardApi({ store, rateLimit: false });
    const post = (body: unknown) => api.request('/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = [
      makeBundle({ results: [makeCompletedResult({ modelId: 'm\u0000' })] }),
      makeBundle({ results: [makeCompletedResult({ modelId: 'm'.repeat(3000) })] }),
      makeBundle({ results: [makeCompletedResult({ variant: 'v\ud800' })] }),
      makeBundle({ results: [makeCompletedResult({ modelName: 'name\u0000' })] }),
    ];
    for (const b of bad) expect((await post(b)).status).toBe(400);
    for (const url of ['/leaderboard?modelId=%00', '/leaderboard?variant=a%0Ab', `/models/${'m'.repeat(3000)}`, '/models/m%00']) {
      expect((await api.request(url)).status, url).toBe(400);
    }
    expect((await store.counts()).submissions).toBe(0);
    expect((await post(makeBundle())).status).toBe(201);
  });
}

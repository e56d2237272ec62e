import { describe, expect, it } from 'vitest';
import { withQueryCache } from './cached-store.js';
import type { LeaderboardQuery, ResultStore } from './result-store.js';

function countingStore() {
  const calls: string[] = [];
  let fail = false;
  const store = {
    kind: 'fake',
    leaderboard: async (q: LeaderboardQuery) => {
      calls.push(`leaderboard ${q.sort}`);
      if (fail) throw new Error('db down');
      return { rows: [], total: calls.length };
    },
    putSubmission: async () => {
      calls.push('put');
      return { kind: 'conflict' as const, message: 'x' };
    },
  } as unknown as ResultStore;
  return { store, calls, failNext: (f: boolean) => (fail = f) };
}

const q: LeaderboardQuery = { scope: 'device', sort: 'energy', minN: 3, minNetworks: 2, limit: 100, offset: 0 };

describe('withQueryCache', () => {
  it('answers identical queries within the TTL from one database query, then refreshes', async () => {
    let now = 0;
    const { store, calls } = countingStore();
    const cached = withQueryCache(store, { ttlMs: 1000, nowMs: () => now });
    const [a, b] = await Promise.all([cached.leaderboard(q), cached.leaderboard({ ...q })]);
    expect(a).toBe(b);
    now = 999;
    await cached.leaderboard({ minNetworks: 2, offset: 0, limit: 100, minN: 3, sort: 'energy', scope: 'device' });
    expect(calls).toEqual(['leaderboard energy']);
    await cached.leaderboard({ ...q, sort: 'latency' });
    now = 1000;
    await cached.leaderboard(q);
    expect(calls).toEqual(['leaderboard energy', 'leaderboard latency', 'leaderboard energy']);
  });

  it('does not remember failures, passes writes through, and stays bounded', async () => {
    const { store, calls, failNext } = countingStore();
    const cached = withQueryCache(store, { ttlMs: 60_000, maxEntries: 2, nowMs: () => 0 });
    failNext(true);
    await expect(cached.leaderboard(q)).rejects.toThrow('db down');
    failNext(false);
    await expect(cached.leaderboard(q)).resolves.toMatchObject({ rows: [] });
    await cached.putSubmission({} as never);
    await cached.putSubmission({} as never);
    expect(calls.filter((c) => c === 'put')).toHaveLength(2);
    for (const offset of [1, 2, 3]) await cached.leaderboard({ ...q, offset });
    const before = calls.length;
    await cached.leaderboard(q); // evicted as the oldest of more than two entries
    expect(calls.length).toBe(before + 1);
  });

  it('is the store itself when the TTL is 0', () => {
    const { store } = countingStore();
    expect(withQueryCache(store, { ttlMs: 0 })).toBe(store);
  });
});

describe('withQueryCache with refreshAheadMs', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('serves the cached ranking near expiry while reloading it, then the reloaded one, never older than the TTL', async () => {
    let now = 0;
    const { store, calls } = countingStore();
    const cached = withQueryCache(store, { ttlMs: 1000, refreshAheadMs: 250, nowMs: () => now });
    const first = await cached.leaderboard(q);
    now = 700; // before the window: plain hit
    expect(await cached.leaderboard(q)).toBe(first);
    expect(calls).toHaveLength(1);
    now = 800; // in the window: readers get the cached ranking at once, one reload starts
    const during = await Promise.all([cached.leaderboard(q), cached.leaderboard(q)]);
    expect(during).toEqual([first, first]);
    expect(during[0]).toBe(first);
    expect(calls).toHaveLength(2);
    await settle();
    now = 900;
    const second = await cached.leaderboard(q);
    expect(second).not.toBe(first);
    expect(second.total).toBe(2);
    // the reload started at 800, so it is fresh until 1800 and reloads again from 1550
    now = 1799;
    expect(await cached.leaderboard(q)).toBe(second);
    expect(calls).toHaveLength(3);
  });

  it('keeps serving the cached ranking when a reload fails, and queries again once it expires', async () => {
    let now = 0;
    const { store, calls, failNext } = countingStore();
    const cached = withQueryCache(store, { ttlMs: 1000, refreshAheadMs: 250, nowMs: () => now });
    const first = await cached.leaderboard(q);
    failNext(true);
    now = 900;
    expect(await cached.leaderboard(q)).toBe(first);
    await settle();
    expect(await cached.leaderboard(q)).toBe(first);
    failNext(false);
    now = 1000;
    expect((await cached.leaderboard(q)).total).toBe(calls.length);
    expect(calls.length).toBeGreaterThan(2);
  });

  it('does not reload a ranking nobody reads: an expired one is queried by its next reader', async () => {
    let now = 0;
    const { store, calls } = countingStore();
    const cached = withQueryCache(store, { ttlMs: 1000, refreshAheadMs: 250, nowMs: () => now });
    await cached.leaderboard(q);
    await settle();
    now = 5000;
    await cached.leaderboard(q);
    expect(calls).toHaveLength(2);
  });
});

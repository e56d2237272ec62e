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

const q: LeaderboardQuery = { scope: 'device', sort: 'energy', minN: 3, limit: 100, offset: 0 };

describe('withQueryCache', () => {
  it('answers identical queries within the TTL from one database query, then refreshes', async () => {
    let now = 0;
    const { store, calls } = countingStore();
    const cached = withQueryCache(store, { ttlMs: 1000, nowMs: () => now });
    const [a, b] = await Promise.all([cached.leaderboard(q), cached.leaderboard({ ...q })]);
    expect(a).toBe(b);
    now = 999;
    await cached.leaderboard({ offset: 0, limit: 100, minN: 3, sort: 'energy', scope: 'device' });
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

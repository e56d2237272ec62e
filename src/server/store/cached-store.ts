import type { LeaderboardQuery, ResultStore } from './result-store.js';

export interface QueryCacheOptions {
  /** how stale a ranking may be; 0 turns caching off */
  ttlMs: number;
  maxEntries?: number;
  nowMs?: () => number;
}

/**
 * Read-side micro-cache over any ResultStore: identical ranking queries within `ttlMs` share one
 * database query (concurrent ones share the same promise). Rankings change slowly and a row needs
 * several submissions anyway, so a second of staleness costs nothing and a burst of readers costs
 * one query. Writes and per-submission reads pass straight through.
 */
export function withQueryCache(store: ResultStore, options: QueryCacheOptions): ResultStore {
  if (options.ttlMs <= 0) return store;
  const maxEntries = options.maxEntries ?? 1000;
  const nowMs = options.nowMs ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = nowMs();
    const hit = entries.get(key);
    if (hit && now - hit.at < options.ttlMs) return hit.value as Promise<T>;
    const value = load();
    entries.delete(key);
    entries.set(key, { at: now, value });
    // a failure is not remembered: the next reader tries the database again
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    // Map keeps insertion order: the first key is the oldest
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return value;
  }

  return {
    kind: store.kind,
    putSubmission: (s) => store.putSubmission(s),
    putSubmissions: (list) => store.putSubmissions(list),
    getAck: (id) => store.getAck(id),
    getSubmission: (id) => store.getSubmission(id),
    counts: () => store.counts(),
    refreshAggregates: () => store.refreshAggregates(),
    close: () => store.close(),
    leaderboard: (q: LeaderboardQuery) => cached(`leaderboard:${JSON.stringify(q, Object.keys(q).sort())}`, () => store.leaderboard(q)),
    device: (id) => cached(`device:${id}`, () => store.device(id)),
    deviceShares: () => cached('deviceShares', () => store.deviceShares()),
    models: (minN) => cached(`models:${minN}`, () => store.models(minN)),
  };
}

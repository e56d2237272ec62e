import type { LeaderboardQuery, ResultStore } from './result-store.js';

export interface QueryCacheOptions {
  /** how stale a ranking may be; 0 turns caching off */
  ttlMs: number;
  /**
   * The first read within this long of a ranking's expiry still gets the cached ranking, and
   * reloads it in the background: a ranking read steadily then never makes a reader wait for the
   * database. Staleness stays within ttlMs. Default 0 (off): one query per ranking per TTL.
   */
  refreshAheadMs?: number;
  maxEntries?: number;
  nowMs?: () => number;
}

/**
 * Read-side micro-cache over any ResultStore: identical ranking queries within `ttlMs` share one
 * database query (concurrent ones share the same promise). Rankings change slowly and a row needs
 * several submissions anyway, so a second of staleness costs nothing and a burst of readers costs
 * one query. With `refreshAheadMs`, a ranking that is read steadily is reloaded just before it
 * expires, so readers do not queue behind its query. Writes and per-submission reads pass
 * straight through.
 */
export function withQueryCache(store: ResultStore, options: QueryCacheOptions): ResultStore {
  if (options.ttlMs <= 0) return store;
  const maxEntries = options.maxEntries ?? 1000;
  const nowMs = options.nowMs ?? Date.now;
  const refreshAheadMs = Math.min(options.refreshAheadMs ?? 0, options.ttlMs);
  interface Entry {
    /** when the load behind `value` started: its data are at least this fresh */
    at: number;
    value: Promise<unknown>;
    settled: boolean;
    reloading: boolean;
  }
  const entries = new Map<string, Entry>();

  function remember(key: string, at: number, value: Promise<unknown>, settled: boolean): Entry {
    const entry: Entry = { at, value, settled, reloading: false };
    entries.delete(key);
    entries.set(key, entry);
    if (!settled) void value.then(() => (entry.settled = true), () => undefined);
    return entry;
  }

  function reloadAhead(key: string, hit: Entry, load: () => Promise<unknown>, now: number): void {
    hit.reloading = true;
    const value = load();
    value.then(
      // only the entry it refreshes: an eviction or a newer load in the meantime wins
      () => void (entries.get(key) === hit && remember(key, now, value, true)),
      // the cached ranking serves on until it expires; then a reader queries (and sees the error)
      () => void (hit.reloading = false),
    );
  }

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = nowMs();
    const hit = entries.get(key);
    if (hit && now - hit.at < options.ttlMs) {
      if (refreshAheadMs > 0 && hit.settled && !hit.reloading && now - hit.at >= options.ttlMs - refreshAheadMs) reloadAhead(key, hit, load, now);
      return hit.value as Promise<T>;
    }
    const value = load();
    remember(key, now, value, false);
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
    deviceShares: (minN, minNetworks) => cached(`deviceShares:${minN}:${minNetworks}`, () => store.deviceShares(minN, minNetworks)),
    models: (minN, minNetworks) => cached(`models:${minN}:${minNetworks}`, () => store.models(minN, minNetworks)),
  };
}

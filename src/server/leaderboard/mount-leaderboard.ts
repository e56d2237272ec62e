import type { Hono } from 'hono';
import { createLeaderboardPages } from '../pages/leaderboard-pages.js';
import { withQueryCache } from '../store/cached-store.js';
import type { ResultStore } from '../store/result-store.js';
import { createLeaderboardApi, type LeaderboardApiOptions } from './leaderboard-api.js';

export interface MountLeaderboardOptions extends Omit<LeaderboardApiOptions, 'store'> {
  store: ResultStore;
  apiPath?: string;
  pagesPath?: string;
  /** rankings may be this stale (ms) in exchange for one query per burst of readers; 0: off */
  cacheTtlMs?: number;
}

export const DEFAULT_CACHE_TTL_MS = 1000;

export const DEFAULT_API_PATH = '/api/leaderboard';
export const DEFAULT_PAGES_PATH = '/leaderboard';

/**
 * Mounts the JSON API and the server-rendered pages on the app. Use it as createApp's `mount`:
 * `createApp({ mount: (app) => mountLeaderboard(app, { store }) })`.
 */
export function mountLeaderboard(app: Hono, options: MountLeaderboardOptions): void {
  const { apiPath = DEFAULT_API_PATH, pagesPath = DEFAULT_PAGES_PATH, cacheTtlMs = DEFAULT_CACHE_TTL_MS, ...apiOptions } = options;
  // reloading in the TTL's last quarter costs at most a third more queries for the rankings read
  // all the time, and takes their reload off the readers' path (measured: p99 of server handling
  // at 100 queries/s was set by the readers that hit an expired ranking)
  const store = withQueryCache(options.store, { ttlMs: cacheTtlMs, refreshAheadMs: cacheTtlMs / 4 });
  app.route(apiPath, createLeaderboardApi({ ...apiOptions, store }));
  app.route(
    pagesPath,
    createLeaderboardPages({
      store,
      publicMinN: options.publicMinN,
      basePath: pagesPath,
      apiBasePath: apiPath,
      logError: options.logError,
    }),
  );
}

/**
 * Leaderboard settings from the environment: EDGEWATT_PUBLIC_MIN_N (default 3) is how many
 * submissions a row needs before it is shown.
 */
export function leaderboardSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): { publicMinN: number } {
  const raw = env.EDGEWATT_PUBLIC_MIN_N;
  if (raw === undefined || raw === '') return { publicMinN: 3 };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`EDGEWATT_PUBLIC_MIN_N must be a whole number ≥ 1, got '${raw}'`);
  return { publicMinN: n };
}

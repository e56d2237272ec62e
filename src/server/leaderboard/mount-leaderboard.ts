import type { Hono } from 'hono';
import { createLeaderboardPages } from '../pages/leaderboard-pages.js';
import type { ResultStore } from '../store/result-store.js';
import { createLeaderboardApi, type LeaderboardApiOptions } from './leaderboard-api.js';

export interface MountLeaderboardOptions extends Omit<LeaderboardApiOptions, 'store'> {
  store: ResultStore;
  apiPath?: string;
  pagesPath?: string;
}

export const DEFAULT_API_PATH = '/api/leaderboard';
export const DEFAULT_PAGES_PATH = '/leaderboard';

/**
 * Mounts the JSON API and the server-rendered pages on the app. Use it as createApp's `mount`:
 * `createApp({ mount: (app) => mountLeaderboard(app, { store }) })`.
 */
export function mountLeaderboard(app: Hono, options: MountLeaderboardOptions): void {
  const { apiPath = DEFAULT_API_PATH, pagesPath = DEFAULT_PAGES_PATH, ...apiOptions } = options;
  app.route(apiPath, createLeaderboardApi(apiOptions));
  app.route(
    pagesPath,
    createLeaderboardPages({
      store: options.store,
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

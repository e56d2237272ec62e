import type { Hono } from 'hono';
import { createLeaderboardPages } from '../pages/leaderboard-pages.js';
import { withQueryCache } from '../store/cached-store.js';
import type { ResultStore } from '../store/result-store.js';
import { clientAddressResolver, parseTrustProxy, type TrustProxy } from './client-address.js';
import { createLeaderboardApi, limitsOf, type LeaderboardApiOptions } from './leaderboard-api.js';
import { networkSaltFromEnv } from './network-key.js';
import { createLimiters } from './request-limits.js';
import { loadZooDigests } from './zoo-digests.js';
import { loadZooFlops } from './zoo-flops.js';

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
  const clientAddress = options.clientAddress ?? clientAddressResolver(options.trustProxy ?? { kind: 'none' });
  const now = options.now ?? (() => new Date());
  // one set of budgets for the API and the pages: a page view runs the same queries as the API
  const limiters = options.limiters ?? createLimiters(limitsOf(options.rateLimit), clientAddress, () => now().getTime());
  const knownFlops = options.knownFlops ?? loadZooFlops();
  // `knownDigests: undefined` set explicitly (tests) keeps the check off; absent loads the built zoo's
  const knownDigests = 'knownDigests' in options ? options.knownDigests : loadZooDigests();
  app.route(apiPath, createLeaderboardApi({ ...apiOptions, store, clientAddress, limiters, knownFlops, knownDigests }));
  app.route(
    pagesPath,
    createLeaderboardPages({
      store,
      publicMinN: options.publicMinN,
      publicMinNetworks: options.publicMinNetworks,
      basePath: pagesPath,
      apiBasePath: apiPath,
      logError: options.logError,
      readLimit: limiters.read,
    }),
  );
}

export interface LeaderboardSettings {
  publicMinN: number;
  publicMinNetworks: number;
  trustProxy: TrustProxy;
  networkSalt: string;
}

/**
 * Leaderboard settings from the environment: EDGEWATT_PUBLIC_MIN_N (default 3) is how many
 * devices (class rows) or submissions (device rows) a row needs before it is ranked,
 * EDGEWATT_PUBLIC_MIN_NETWORKS (default 2) from how many networks;
 * TRUST_PROXY how client addresses are found behind a reverse proxy (client-address.ts);
 * EDGEWATT_NETWORK_SALT the secret of the network key (network-key.ts).
 */
export function leaderboardSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): LeaderboardSettings {
  return {
    publicMinN: wholeNumber(env, 'EDGEWATT_PUBLIC_MIN_N', 3),
    publicMinNetworks: wholeNumber(env, 'EDGEWATT_PUBLIC_MIN_NETWORKS', 2),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    networkSalt: networkSaltFromEnv(env),
  };
}

function wholeNumber(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got '${raw}'`);
  return n;
}

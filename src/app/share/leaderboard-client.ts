import { z } from 'zod';
import { backendSchema, runtimeSchema } from '../../core/cell.js';
import { deviceClassSchema } from '../../core/submission-schema.js';

/**
 * Reads the leaderboard API. Answers are parsed, not trusted: a proxy or captive portal page, or
 * a server of another version, gives a clear message instead of a broken view.
 */

export const LEADERBOARD_API = '/api/leaderboard';
export const LEADERBOARD_PAGES = '/leaderboard';

export const SORT_METRICS = ['energy', 'latency', 'carbon', 'sci'] as const;
export type SortMetric = (typeof SORT_METRICS)[number];

export interface LeaderboardFilters {
  modelId?: string;
  variant?: string;
  runtime?: z.infer<typeof runtimeSchema>;
  backend?: z.infer<typeof backendSchema>;
  deviceClass?: z.infer<typeof deviceClassSchema>;
  scope?: 'device' | 'class';
  sort?: SortMetric;
  limit?: number;
}

const metricAggregateSchema = z.object({
  n: z.number(),
  median: z.number(),
  p25: z.number(),
  p75: z.number(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  methods: z.array(z.string()),
});
export type MetricAggregateView = z.infer<typeof metricAggregateSchema>;

export const aggregateRowSchema = z.object({
  scope: z.enum(['device', 'class']),
  modelId: z.string(),
  variant: z.string(),
  runtime: z.string(),
  backend: z.string(),
  deviceClass: z.string(),
  deviceId: z.string().nullable(),
  deviceLabel: z.string(),
  n: z.number(),
  latencyMs: metricAggregateSchema,
  energyJ: metricAggregateSchema.nullable(),
  carbonGCO2e: metricAggregateSchema.nullable(),
  sciGCO2e: metricAggregateSchema.nullable(),
});
export type AggregateRowView = z.infer<typeof aggregateRowSchema>;

const leaderboardAnswerSchema = z.object({
  total: z.number(),
  publicMinN: z.number(),
  /** networks a ranked row needs (older servers do not say: 1) */
  publicMinNetworks: z.number().default(1),
  notes: z.array(z.string()).default([]),
  rows: z.array(aggregateRowSchema),
});
export type LeaderboardAnswer = z.infer<typeof leaderboardAnswerSchema>;

const modelsAnswerSchema = z.object({
  publicMinN: z.number(),
  models: z.array(z.object({ modelId: z.string(), variants: z.number(), publicRows: z.number() })),
});
export type ModelsAnswer = z.infer<typeof modelsAnswerSchema>;

export type Fetched<T> =
  | { state: 'ok'; data: T }
  /** no answer at all: offline, server down, timeout */
  | { state: 'offline'; message: string }
  /** an answer, but not one we can show */
  | { state: 'error'; message: string };

export function leaderboardQueryString(f: LeaderboardFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface ClientOptions {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** navigator.onLine where known, to word the offline message */
  online?: () => boolean;
}

export function fetchLeaderboard(filters: LeaderboardFilters, options: ClientOptions = {}): Promise<Fetched<LeaderboardAnswer>> {
  return getJson(`${LEADERBOARD_API}/leaderboard${leaderboardQueryString(filters)}`, leaderboardAnswerSchema, options);
}

export function fetchModels(options: ClientOptions = {}): Promise<Fetched<ModelsAnswer>> {
  return getJson(`${LEADERBOARD_API}/models`, modelsAnswerSchema, options);
}

async function getJson<T>(url: string, schema: z.ZodType<T>, options: ClientOptions): Promise<Fetched<T>> {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  let res: Response;
  try {
    res = await doFetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const offline = options.online ? !options.online() : false;
    const why = offline
      ? 'This device is offline'
      : err instanceof Error && err.name === 'TimeoutError'
        ? `The leaderboard did not answer within ${timeoutMs / 1000} s`
        : 'The leaderboard server cannot be reached';
    return { state: 'offline', message: `${why}. Your own results below are still here; the public rankings load when the server can be reached again.` };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : `HTTP ${res.status}`;
    return { state: 'error', message: `The leaderboard refused the request: ${error}` };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { state: 'error', message: 'The leaderboard answered with something this version of edgewatt cannot read. Reload the app to update it.' };
  }
  return { state: 'ok', data: parsed.data };
}

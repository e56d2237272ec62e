import { z } from 'zod';
import { backendSchema, runtimeSchema } from '../../core/cell.js';
import type { LeaderboardQuery } from '../store/result-store.js';
import { LEADERBOARD_METRICS } from './metric-keys.js';
import { deviceClassSchema } from '../../core/submission-schema.js';

/** Empty form fields (`?backend=`) mean "any", as an HTML filter form sends them. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const deviceIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a device id is 16 lower-case hex characters');

export const leaderboardParamsSchema = z.object({
  modelId: optional(z.string().max(200)),
  variant: optional(z.string().max(200)),
  runtime: optional(runtimeSchema),
  backend: optional(backendSchema),
  deviceClass: optional(deviceClassSchema),
  deviceId: optional(deviceIdSchema),
  scope: optional(z.enum(['device', 'class'])).transform((v) => v ?? 'device'),
  sort: optional(z.enum(LEADERBOARD_METRICS)).transform((v) => v ?? 'energy'),
  limit: optional(z.coerce.number().int().min(1).max(500)).transform((v) => v ?? 100),
  offset: optional(z.coerce.number().int().min(0).max(1_000_000)).transform((v) => v ?? 0),
  /** 'provisional' lists the rows held back (too little corroboration, or outliers) instead */
  status: optional(z.enum(['ranked', 'provisional'])).transform((v) => v ?? 'ranked'),
});
export type LeaderboardParams = z.infer<typeof leaderboardParamsSchema>;

export type ParsedParams = { ok: true; query: LeaderboardQuery } | { ok: false; message: string };

/** What a row needs to be ranked: the server's setting, never the client's. */
export interface PublicPolicy {
  minN: number;
  minNetworks: number;
}

export function parseLeaderboardParams(
  raw: Record<string, string>,
  policy: PublicPolicy,
  overrides: Partial<LeaderboardQuery> = {},
): ParsedParams {
  const parsed = leaderboardParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') || 'query';
    return { ok: false, message: `invalid query parameter ${where}: ${first?.message ?? 'unreadable'}`.slice(0, 300) };
  }
  return { ok: true, query: { ...parsed.data, minN: policy.minN, minNetworks: policy.minNetworks, ...overrides } };
}

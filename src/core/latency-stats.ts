import { z } from 'zod';

export const UNSTABLE_SPREAD = 0.25;

export const latencyStatsSchema = z.object({
  n: z.number().int().positive(),
  medianMs: z.number().nonnegative(),
  p10Ms: z.number().nonnegative(),
  p90Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
  minMs: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
  /** median absolute deviation (unscaled), ms */
  madMs: z.number().nonnegative(),
  /** bootstrap 95 % confidence interval of the median, ms */
  ciLowMs: z.number().nonnegative(),
  ciHighMs: z.number().nonnegative(),
  /** (p90 − p10) / median */
  spread: z.number().nonnegative(),
  unstable: z.boolean(),
});
export type LatencyStats = z.infer<typeof latencyStatsSchema>;

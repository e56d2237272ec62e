import { z } from 'zod';

/**
 * How a figure was obtained. Order matters for display only; it is not a ranking of truth.
 * - measured: read from an instrument during this run (timer, RAPL counter, battery drain)
 * - calibrated: a model whose parameters were fitted to a measurement on this device
 * - modelled: computed from a published model (power curve, profile) and measured inputs
 * - assumed: a default the user did not confirm
 */
export const estimateMethodSchema = z.enum(['measured', 'calibrated', 'modelled', 'assumed']);
export type EstimateMethod = z.infer<typeof estimateMethodSchema>;

/** A reference to a source of a figure: an id in a data file's `sources` table, or a URL. */
export const sourceRefSchema = z.object({ id: z.string(), title: z.string().optional(), url: z.string().optional() });
export type SourceRef = z.infer<typeof sourceRefSchema>;

/**
 * Every estimated number travels as an interval with its method and the reasons behind it
 * (tfjs-core's {value, unreliable, reasons} idea, extended with bounds). `unit` is part of
 * the value so a figure can never be shown without it.
 */
export const estimateSchema = z
  .object({
    value: z.number(),
    low: z.number(),
    high: z.number(),
    unit: z.string().min(1),
    method: estimateMethodSchema,
    reasons: z.array(z.string()),
    sources: z.array(sourceRefSchema).default([]),
  })
  .refine((e) => e.low <= e.value && e.value <= e.high, { message: 'estimate must satisfy low <= value <= high' });
export type Estimate = z.infer<typeof estimateSchema>;

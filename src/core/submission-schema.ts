import { z } from 'zod';
import { completedResultSchema } from './result-schema.js';

/**
 * What a device sends to the leaderboard. Pure zod (no Node, no DOM) so the app's upload queue
 * validates with the same schema the server enforces.
 *
 * Bump when a field changes meaning; the server refuses versions it does not know.
 */
export const SUBMISSION_BUNDLE_VERSION = 1;

export const deviceClassSchema = z.enum(['phone', 'tablet', 'laptop', 'desktop', 'unknown']);
export type DeviceClass = z.infer<typeof deviceClassSchema>;

/** navigator.deviceMemory is already bucketed by the browser; anything else is refused. */
export const MEMORY_BUCKETS_GIB = [0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;

const shortText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // control characters have no place in a device label and break CSV/HTML tooling
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'must not contain control characters' });

/**
 * Coarse device descriptor: enough to group results by device, too little to single out a person.
 * `.strict()` refuses extra keys, so a client cannot slip a user agent or a serial in.
 */
export const deviceDescriptorSchema = z
  .object({
    class: deviceClassSchema,
    /** OS family from UA-CH or the user agent: Android, iOS, Windows, macOS, Linux, ChromeOS */
    platform: shortText(32),
    /** UA-CH `model` where the browser gave one (Android phones); null otherwise */
    model: shortText(64).nullable(),
    gpu: z.object({ vendor: shortText(64), architecture: z.string().trim().max(64) }).strict().nullable(),
    /** navigator.hardwareConcurrency (logical cores) */
    cores: z.number().int().min(1).max(1024),
    memoryGiB: z
      .number()
      .refine((m) => (MEMORY_BUCKETS_GIB as readonly number[]).includes(m), {
        message: `must be one of the browser's deviceMemory buckets: ${MEMORY_BUCKETS_GIB.join(', ')}`,
      })
      .nullable(),
  })
  .strict();
export type DeviceDescriptor = z.infer<typeof deviceDescriptorSchema>;

/**
 * Optional facts about a model variant the forge knows (issue 3). They let the server check that a
 * latency is not below what the device's compute could do; without them that check cannot run.
 */
export const variantFactsSchema = z
  .object({
    modelId: z.string().min(1).max(200),
    variant: z.string().min(1).max(200),
    flopsPerInference: z.number().positive(),
  })
  .strict();
export type VariantFacts = z.infer<typeof variantFactsSchema>;

export const MAX_RESULTS_PER_BUNDLE = 200;

export const submissionBundleSchema = z
  .object({
    bundleVersion: z.literal(SUBMISSION_BUNDLE_VERSION),
    /** client-generated UUID: the idempotency key of the upload */
    submissionId: z.uuid(),
    tool: z.object({ name: z.literal('edgewatt'), version: z.string().min(1).max(64) }).strict(),
    device: deviceDescriptorSchema,
    results: z.array(completedResultSchema).min(1).max(MAX_RESULTS_PER_BUNDLE),
    variantFacts: z.array(variantFactsSchema).max(MAX_RESULTS_PER_BUNDLE).default([]),
  })
  .strict();
export type SubmissionBundle = z.infer<typeof submissionBundleSchema>;
export type SubmissionBundleInput = z.input<typeof submissionBundleSchema>;

/** What the server answers to a submission, identical for a first upload and every replay. */
export const submissionAckSchema = z.object({
  submissionId: z.uuid(),
  receivedAt: z.string(),
  results: z.number().int().nonnegative(),
});
export type SubmissionAck = z.infer<typeof submissionAckSchema>;

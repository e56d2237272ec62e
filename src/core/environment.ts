import { z } from 'zod';

export const gpuInfoSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  isFallbackAdapter: z.boolean().nullable(),
  features: z.array(z.string()),
});
export type GpuInfo = z.infer<typeof gpuInfoSchema>;

/** What the page and worker can tell about the device. Nothing here identifies a person. */
export const environmentSchema = z.object({
  userAgent: z.string(),
  uaData: z
    .object({
      platform: z.string().optional(),
      platformVersion: z.string().optional(),
      model: z.string().optional(),
      mobile: z.boolean().optional(),
      architecture: z.string().optional(),
      brands: z.array(z.object({ brand: z.string(), version: z.string() })).optional(),
    })
    .nullable(),
  hardwareConcurrency: z.number().int().nonnegative(),
  /** navigator.deviceMemory: GiB, rounded by the browser; null where not exposed */
  deviceMemoryGiB: z.number().nullable(),
  crossOriginIsolated: z.boolean(),
  /** smallest non-zero step of performance.now() seen in the worker, ms */
  timerResolutionMs: z.number().nullable(),
  gpu: z.union([
    z.object({ available: z.literal(true), adapter: gpuInfoSchema }),
    z.object({ available: z.literal(false), reason: z.string() }),
  ]),
  visibility: z.string(),
  computePressure: z.string().nullable(),
  runtimeVersions: z.record(z.string(), z.string()),
});
export type Environment = z.infer<typeof environmentSchema>;

import { z } from 'zod';
import type { Estimate } from '../core/estimate.js';
import { powerProfiles, sourceRefs } from '../data/power-profiles.js';
import { cpuPowerSchema, type DataRange, dataRangeSchema, gpuKindSchema } from '../data/power-profiles-schema.js';
import { estimate } from '../estimates/estimate-math.js';
import type { EstimateMethod } from '../core/estimate.js';

/**
 * The power/carbon profile one estimate is computed from: matched from the environment, picked
 * from the data file, or edited by the user (then parsed with this schema).
 */
export const matchConfidenceSchema = z.enum([
  /** the exact device model was recognised (UA-CH model) */
  'device',
  /** parts were recognised (SoC, GPU class, Apple silicon) but not the device */
  'parts',
  /** only the device class (phone, tablet, laptop, desktop, or laptop-or-desktop) */
  'class',
  /** not even the class: the widest ranges */
  'unknown',
  /** chosen or edited by the user */
  'user',
]);
export type MatchConfidence = z.infer<typeof matchConfidenceSchema>;

export const profileClassSchema = z.enum(['phone', 'tablet', 'laptop', 'desktop', 'computer', 'any']);
export type ProfileClass = z.infer<typeof profileClassSchema>;

export const profileGpuSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hardware'), classId: z.string(), name: z.string(), gpuKind: gpuKindSchema.nullable(), activeW: dataRangeSchema }),
  /** SwiftShader, WARP and other fallback adapters run shaders on the CPU */
  z.object({ kind: z.literal('emulated'), name: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);
export type ProfileGpu = z.infer<typeof profileGpuSchema>;

export const deviceProfileSchema = z.object({
  id: z.string(),
  label: z.string(),
  deviceClass: profileClassSchema,
  confidence: matchConfidenceSchema,
  cpu: cpuPowerSchema,
  /** navigator.hardwareConcurrency; null when the browser did not say */
  logicalCores: z.number().int().positive().nullable(),
  gpu: profileGpuSchema,
  idleW: dataRangeSchema,
  batteryWh: dataRangeSchema.nullable(),
  embodiedKgCO2e: dataRangeSchema,
  lifetimeYears: dataRangeSchema,
  useRatio: dataRangeSchema,
  /** how the match was made, for the user to check */
  reasons: z.array(z.string()),
  /** e.g. power-profiles@1.0.0 */
  dataVersion: z.string(),
});
export type DeviceProfile = z.infer<typeof deviceProfileSchema>;

/** A data-file range as an Estimate; every figure from the table is a published model input. */
export function rangeEstimate(r: DataRange, method: EstimateMethod = 'modelled', reason?: string): Estimate {
  return estimate({
    value: r.value,
    low: r.low,
    high: r.high,
    unit: r.unit,
    method,
    reasons: [...(reason ? [reason] : []), ...(r.note ? [r.note] : [])],
    sources: sourceRefs(r.src, powerProfiles()),
  });
}

/** Smallest range holding both; value is the mean of the two values. */
export function hullRange(a: DataRange, b: DataRange, note: string): DataRange {
  if (a.unit !== b.unit) throw new TypeError(`cannot merge ranges in ${a.unit} and ${b.unit}`);
  return {
    value: (a.value + b.value) / 2,
    low: Math.min(a.low, b.low),
    high: Math.max(a.high, b.high),
    unit: a.unit,
    src: [...new Set([...a.src, ...b.src])],
    method: 'summary',
    note,
  };
}

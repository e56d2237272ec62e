import { z } from 'zod';

/**
 * Schema of `power-profiles.json`, the product's own sourced power/carbon table. Every number
 * is a range with the ids of its sources; `sources` resolves every id. Built from the project's
 * reference compilation by `tools/generate-power-profiles.ts` (a dev tool; the product reads only
 * this file).
 */
export const dataRangeSchema = z
  .object({
    value: z.number(),
    low: z.number(),
    high: z.number(),
    unit: z.string().min(1),
    src: z.array(z.string().min(1)).min(1),
    /** the reference file's vocabulary: measured, reported, spec, lookup, derived, database, assumed, summary… */
    method: z.string().min(1),
    note: z.string().optional(),
  })
  .refine((r) => r.low <= r.value && r.value <= r.high, { message: 'range needs low <= value <= high' });
export type DataRange = z.infer<typeof dataRangeSchema>;

export const dataSourceSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  year: z.number().int().nullable(),
  kind: z.string().optional(),
  url: z.string().optional(),
  repo: z.string().optional(),
  path: z.string().optional(),
  commit: z.string().optional(),
  reliability: z.string(),
  note: z.string().optional(),
});
export type DataSource = z.infer<typeof dataSourceSchema>;

export const deviceClassIdSchema = z.enum(['phone', 'tablet', 'laptop', 'desktop']);
export type DeviceClassId = z.infer<typeof deviceClassIdSchema>;

/** x86-style parts: package power from the Teads utilisation curve × TDP. */
export const teadsCpuSchema = z.object({ model: z.literal('teads'), tdpW: dataRangeSchema });
/** phone-style parts without per-cluster data: one big core and all cores, interpolated in threads. */
export const coresCpuSchema = z.object({
  model: z.literal('cores'),
  singleCoreW: dataRangeSchema,
  allCoresW: dataRangeSchema,
});
/** Android power_profile style: per-cluster currents give the shape, allCoresW the magnitude. */
export const clustersCpuSchema = z.object({
  model: z.literal('clusters'),
  /** biggest cores first: the scheduler puts heavy threads there */
  clusters: z
    .array(z.object({ label: z.string(), cores: z.number().int().positive(), coreMaxMilliamps: z.number().nonnegative(), clusterMilliamps: z.number().nonnegative() }))
    .min(1),
  cpuActiveMilliamps: z.number().nonnegative(),
  allCoresW: dataRangeSchema,
  src: z.array(z.string()).min(1),
});
export const cpuPowerSchema = z.discriminatedUnion('model', [teadsCpuSchema, coresCpuSchema, clustersCpuSchema]);
export type CpuPower = z.infer<typeof cpuPowerSchema>;

export const deviceClassProfileSchema = z.object({
  label: z.string(),
  cpu: cpuPowerSchema,
  gpuActiveW: dataRangeSchema,
  /** the whole device's draw with the app open and nothing running (screen on) */
  idleW: dataRangeSchema,
  batteryWh: dataRangeSchema.nullable(),
  embodiedKgCO2e: dataRangeSchema,
  lifetimeYears: dataRangeSchema,
  /** share of wall-clock time the device is in active use */
  useRatio: dataRangeSchema,
});
export type DeviceClassProfile = z.infer<typeof deviceClassProfileSchema>;

export const socSchema = z.object({
  id: z.string(),
  name: z.string(),
  devices: z.array(z.string()),
  cpu: cpuPowerSchema,
  gpuActiveW: dataRangeSchema.nullable(),
});
export type Soc = z.infer<typeof socSchema>;

export const cpuTdpClassSchema = z.object({
  id: z.string(),
  name: z.string(),
  deviceClass: z.enum(['laptop', 'desktop']),
  tdpW: dataRangeSchema,
  example: z.string().optional(),
});
export type CpuTdpClass = z.infer<typeof cpuTdpClassSchema>;

export const gpuKindSchema = z.enum(['integrated', 'mobile', 'discrete-laptop', 'discrete-desktop']);
export type GpuKind = z.infer<typeof gpuKindSchema>;

export const gpuClassSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: gpuKindSchema,
  activeW: dataRangeSchema,
  match: z.object({
    /** WebGPU adapter vendor strings, lower case */
    vendors: z.array(z.string()),
    /** WebGPU adapter architecture strings; empty = any */
    architectures: z.array(z.string()).default([]),
    /** case-insensitive regular expression over the adapter description/device; absent = vendor-level class */
    description: z.string().optional(),
  }),
});
export type GpuClass = z.infer<typeof gpuClassSchema>;

export const deviceEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  deviceClass: deviceClassIdSchema,
  /** UA-CH `model` strings that identify the device (Android only; iOS and desktops do not tell) */
  uaModels: z.array(z.string()),
  socId: z.string().nullable(),
  batteryWh: dataRangeSchema.nullable(),
  embodiedKgCO2e: dataRangeSchema.nullable(),
  note: z.string().optional(),
});
export type DeviceEntry = z.infer<typeof deviceEntrySchema>;

export const powerProfilesSchema = z.object({
  schemaVersion: z.literal(1),
  /** bump on any change of content; results record the version they used */
  version: z.string(),
  generatedFrom: z.object({ file: z.string(), version: z.string(), compiled: z.string() }),
  sources: z.array(dataSourceSchema),
  teadsCurve: z.object({
    utilisation: z.array(z.number().min(0).max(1)).min(2),
    tdpFactor: z.array(z.number().nonnegative()).min(2),
    src: z.array(z.string()).min(1),
    note: z.string(),
  }),
  codecarbon: z.object({ fallbackTdpW: z.number(), perThreadW: z.number(), src: z.array(z.string()).min(1) }),
  /** idle draw of a GPU as a share of its maximum (CCF's min/max watts) */
  gpuIdleFraction: dataRangeSchema,
  deviceClasses: z.record(deviceClassIdSchema, deviceClassProfileSchema),
  socs: z.array(socSchema),
  cpuTdpClasses: z.array(cpuTdpClassSchema),
  gpuClasses: z.array(gpuClassSchema),
  devices: z.array(deviceEntrySchema),
});
export type PowerProfiles = z.infer<typeof powerProfilesSchema>;

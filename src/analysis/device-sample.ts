import { z } from 'zod';
import data from '../data/device-distribution-sample.json';
import type { Estimate } from '../core/estimate.js';
import type { DeviceEntry } from './device-upgrade.js';
import { figureToEstimate, sourceEntrySchema, sourcedFigureSchema } from './sourced-figure.js';

const sampleFileSchema = z.object({
  version: z.literal(1),
  referenceDevice: z.string(),
  devices: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      tier: z.string(),
      releaseYear: z.number().int().nullable(),
      share: sourcedFigureSchema,
      relativeLatency: sourcedFigureSchema,
    }),
  ),
  replacementEmbodiedKgCO2e: sourcedFigureSchema,
  sources: z.array(sourceEntrySchema),
});

export interface DeviceSample {
  /** what relativeLatency 1 means */
  referenceDevice: string;
  devices: (DeviceEntry & { tier: string; releaseYear: number | null })[];
  replacementEmbodiedKgCO2e: Estimate;
}

/**
 * The built-in device distribution, for when the leaderboard has no data. Its weights and
 * relative latencies are illustrative assumptions (method "assumed"); only the replacement
 * footprint is sourced.
 */
export function sampleDeviceDistribution(): DeviceSample {
  const file = sampleFileSchema.parse(data);
  return {
    referenceDevice: file.referenceDevice,
    devices: file.devices.map((d) => ({
      id: d.id,
      label: d.label,
      tier: d.tier,
      releaseYear: d.releaseYear,
      weight: d.share.value,
      relativeLatency: figureToEstimate(d.relativeLatency, file.sources),
    })),
    replacementEmbodiedKgCO2e: figureToEstimate(file.replacementEmbodiedKgCO2e, file.sources),
  };
}

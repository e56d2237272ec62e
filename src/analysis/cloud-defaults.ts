import { z } from 'zod';
import data from '../data/cloud-reference.json';
import type { Estimate } from '../core/estimate.js';
import { figureToEstimate, sourceEntrySchema, sourcedFigureSchema } from './sourced-figure.js';

const cloudFileSchema = z.object({
  version: z.literal(1),
  figures: z.object({
    acceleratorPowerW: sourcedFigureSchema,
    acceleratorPeakFlopsPerS: sourcedFigureSchema,
    achievedFlopsFraction: sourcedFigureSchema,
    pue: sourcedFigureSchema,
    serverEmbodiedKgCO2e: sourcedFigureSchema,
    serverShare: sourcedFigureSchema,
    serverLifetimeYears: sourcedFigureSchema,
    serverUtilisation: sourcedFigureSchema,
    networkKWhPerGB: sourcedFigureSchema,
    gridIntensityGPerKWh: sourcedFigureSchema,
  }),
  sources: z.array(sourceEntrySchema),
});

export type CloudFigureKey = keyof z.infer<typeof cloudFileSchema>['figures'];

/** The parametric cloud reference: every figure an Estimate the user may edit. */
export type CloudReference = Record<CloudFigureKey, Estimate> & {
  /** inferences per second of the accelerator for this model; when absent it is derived from FLOPs */
  throughputPerS?: Estimate;
};

/** Sourced defaults from src/data/cloud-reference.json (a fresh copy each call, safe to edit). */
export function defaultCloudReference(): CloudReference {
  const file = cloudFileSchema.parse(data);
  const entries = Object.entries(file.figures).map(([k, fig]) => [k, figureToEstimate(fig, file.sources)] as const);
  return Object.fromEntries(entries) as CloudReference;
}

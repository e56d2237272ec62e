import { z } from 'zod';
import { dataSourceSchema } from './power-profiles-schema.js';

/** Metadata of the grid-intensity sources: the figures themselves come from @tgwf/co2 and the live APIs. */
export const gridIntensitySchema = z.object({
  schemaVersion: z.literal(1),
  version: z.string(),
  /** the @tgwf/co2 release whose data the static source reads (a unit test checks the installed one) */
  co2jsVersion: z.string(),
  sources: z.array(dataSourceSchema).min(1),
  ukRegions: z.array(z.object({ id: z.number().int().positive(), shortname: z.string() })).min(1),
  dkPriceAreas: z.array(z.string()).min(1),
  defaultCountry: z.string(),
});
export type GridIntensityData = z.infer<typeof gridIntensitySchema>;

import type { Estimate } from '../core/estimate.js';
import { estimate } from '../estimates/estimate-math.js';
import { G_PER_KWH, type IntensityPoint, type IntensitySource } from './intensity-source.js';
import { chosenLocation } from './location.js';
import { operationalCarbon } from './operational.js';
import { staticYearlySource } from './sources/static-yearly.js';

export interface RegionCarbon {
  country: string;
  intensity: Estimate | null;
  carbonG: Estimate | null;
  reason?: string;
}

/** The same inference's operational carbon in other countries (the seed paper's Fig. 1d, for the user's model). */
export async function carbonByRegion(energyJ: Estimate, countries: readonly string[], source: IntensitySource = staticYearlySource()): Promise<RegionCarbon[]> {
  return Promise.all(
    countries.map(async (country) => {
      const r = await source.current({ location: chosenLocation(country) });
      if (r.state === 'unsupported') return { country: country.toUpperCase(), intensity: null, carbonG: null, reason: r.reason };
      return { country: country.toUpperCase(), intensity: r.intensity, carbonG: operationalCarbon(energyJ, r.intensity) };
    }),
  );
}

export interface PeriodCarbon extends IntensityPoint {
  carbonG: Estimate;
}

/** The same inference over a live series (UK 48 h forecast, DK 5-minute history): carbon by hour. */
export function carbonBySeries(energyJ: Estimate, series: readonly IntensityPoint[]): PeriodCarbon[] {
  return series.map((p) => ({
    ...p,
    carbonG: operationalCarbon(
      energyJ,
      estimate({
        value: p.gPerKWh,
        unit: G_PER_KWH,
        method: p.kind === 'actual' ? 'measured' : 'modelled',
        reasons: [`${p.kind} intensity ${p.from}–${p.to}${p.zone ? ` (${p.zone})` : ''}`],
      }),
    ),
  }));
}

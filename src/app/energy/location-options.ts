import { averageIntensity } from '@tgwf/co2/data';
import { alpha2Of } from '../../carbon/country-codes.js';
import { defaultIntensityRegistry } from '../../carbon/intensity-registry.js';
import type { GridLocation } from '../../carbon/intensity-source.js';
import { gridIntensityData } from '../../data/grid-intensity.js';

export interface Option {
  value: string;
  label: string;
}

let names: Intl.DisplayNames | null | undefined;

/** "Germany (DEU)"; regional aggregates of CO2.js (EU, WORLD…) keep their own name. */
export function countryLabel(alpha3: string): string {
  const a2 = alpha2Of(alpha3);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      names = null;
    }
  }
  const name = a2 && names ? names.of(a2) : undefined;
  if (name && name !== a2) return `${name} (${alpha3})`;
  return alpha3 === 'EU' ? 'European Union (EU)' : alpha3.charAt(0) + alpha3.slice(1).toLowerCase();
}

/** Every country (and aggregate) the embedded yearly table covers: the locations a person can pick. */
export function countryOptions(): Option[] {
  const codes = Object.keys(averageIntensity.data).filter((k) => typeof averageIntensity.data[k] === 'number');
  const countries = codes.filter((c) => alpha2Of(c)).map((c) => ({ value: c, label: countryLabel(c) }));
  const aggregates = codes.filter((c) => !alpha2Of(c)).map((c) => ({ value: c, label: `${countryLabel(c)} — regional average` }));
  const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);
  return [...countries.sort(byLabel), ...aggregates.sort(byLabel)];
}

const DK_AREAS: Record<string, string> = {
  DK1: 'DK1 — West Denmark (Jutland, Funen)',
  DK2: 'DK2 — East Denmark (Zealand, Copenhagen)',
};

/** Finer grid zones where a live source has them; empty value = the whole country. */
export function zoneOptions(country: string): Option[] {
  if (country === 'GBR') {
    return [{ value: '', label: 'Great Britain (national)' }, ...gridIntensityData().ukRegions.filter((r) => r.id !== 18).map((r) => ({ value: `GB-${r.id}`, label: `${r.shortname} (GB-${r.id})` }))];
  }
  if (country === 'DNK') return [{ value: '', label: 'Denmark (both price areas)' }, ...gridIntensityData().dkPriceAreas.map((a) => ({ value: a, label: DK_AREAS[a] ?? a }))];
  return [];
}

/** The live sources that would answer for this location, if the person opts in. */
export function liveSourcesFor(location: GridLocation): string[] {
  return defaultIntensityRegistry()
    .list()
    .filter((s) => s.live && s.covers(location))
    .map((s) => s.label);
}

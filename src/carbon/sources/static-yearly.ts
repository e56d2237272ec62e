import { averageIntensity, marginalIntensity } from '@tgwf/co2/data';
// one year only, imported by name so bundlers drop the other years' tables
import { yearly2024 as electricityMapsYearly } from '@tgwf/co2/data/electricity-maps';
import { gridIntensityData, intensitySourceRefs } from '../../data/grid-intensity.js';
import { estimate } from '../../estimates/estimate-math.js';
import { alpha2Of } from '../country-codes.js';
import { G_PER_KWH, type GridLocation, type IntensityResult, type IntensitySource } from '../intensity-source.js';

export type YearlySignal = 'average' | 'marginal';

export const ELECTRICITY_MAPS_YEAR = 2024;

const LABEL: Record<YearlySignal, string> = {
  average: 'Yearly average (CO2.js: Ember, Electricity Maps)',
  marginal: 'Marginal factor (CO2.js: UNFCCC 2021)',
};

function emZoneKey(location: GridLocation): string | undefined {
  if (location.zone === 'DK1' || location.zone === 'DK2') return `DK-${location.zone}`;
  return alpha2Of(location.country);
}

/**
 * The embedded default: yearly country averages shipped in @tgwf/co2. The Ember figure is the
 * value; the Electricity Maps figure for the same country (or DK price area) widens the interval
 * where the two disagree. Marginal factors (UNFCCC 2021) are an option.
 */
export function staticYearlySource(signal: YearlySignal = 'average'): IntensitySource {
  const data = gridIntensityData();
  const em = electricityMapsYearly.data;
  const covers = (l: GridLocation) =>
    signal === 'average' ? typeof averageIntensity.data[l.country] === 'number' : marginalIntensity.data[l.country] !== undefined;

  return {
    id: 'static-yearly',
    label: LABEL[signal],
    live: false,
    covers,
    async current({ location }): Promise<IntensityResult> {
      const base = { sourceId: 'static-yearly' as const, label: LABEL[signal] };
      if (!covers(location)) {
        return { ...base, state: 'unsupported', reason: `no ${signal} intensity for "${location.country}" in CO2.js ${data.co2jsVersion}: pick another country or enter a value` };
      }
      if (signal === 'marginal') {
        const v = Number(marginalIntensity.data[location.country]);
        const intensity = estimate({
          value: v, unit: G_PER_KWH, method: 'modelled',
          reasons: [`UNFCCC ${marginalIntensity.year} marginal factor for ${location.country} (stale; the grid has changed since)`],
          sources: intensitySourceRefs(['unfccc-marginal-2021', 'co2js']),
        });
        return { ...base, state: 'ok', location, intensity, series: [] };
      }
      const ember = averageIntensity.data[location.country] as number;
      const key = emZoneKey(location);
      const emValue = key ? em[key]?.carbonIntensity.value : undefined;
      const reasons = [
        `Ember yearly average for ${location.country} (latest year in CO2.js ${data.co2jsVersion})`,
        'a yearly average: the intensity in a given hour can differ widely',
      ];
      if (emValue !== undefined) reasons.push(`Electricity Maps ${ELECTRICITY_MAPS_YEAR} average for ${key}: ${emValue} g/kWh; the interval spans both`);
      else reasons.push('no second yearly figure for this country: a single value');
      const intensity = estimate({
        value: ember,
        low: Math.min(ember, emValue ?? ember),
        high: Math.max(ember, emValue ?? ember),
        unit: G_PER_KWH,
        method: 'modelled',
        reasons,
        sources: intensitySourceRefs(['ember-yearly', ...(emValue !== undefined ? ['electricity-maps-yearly'] : []), 'co2js']),
      });
      return { ...base, state: 'ok', location, intensity, series: [] };
    },
  };
}

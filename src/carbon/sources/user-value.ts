import { estimate } from '../../estimates/estimate-math.js';
import { G_PER_KWH, type IntensityResult, type IntensitySource } from '../intensity-source.js';

export interface UserIntensity {
  gPerKWh: number;
  low?: number;
  high?: number;
  /** where the user got it, shown beside the figure */
  note?: string;
  /** the country (alpha-3) the value was entered for; absent = wherever the user is */
  country?: string;
}

/** A value the user typed in. Checked: a negative or non-finite intensity is refused with a reason. */
export function userValueSource(value: UserIntensity): IntensitySource {
  const label = 'Your value';
  const low = value.low ?? value.gPerKWh;
  const high = value.high ?? value.gPerKWh;
  const problem =
    ![value.gPerKWh, low, high].every(Number.isFinite) ? 'the intensity must be a number'
      : low < 0 ? 'an intensity cannot be negative'
        : !(low <= value.gPerKWh && value.gPerKWh <= high) ? 'the range must hold the value (low ≤ value ≤ high)'
          : null;
  return {
    id: 'user-value',
    label,
    live: false,
    covers: (l) => problem === null && (value.country === undefined || value.country.toUpperCase() === l.country),
    async current({ location }): Promise<IntensityResult> {
      if (problem) return { sourceId: 'user-value', label, state: 'unsupported', reason: `your intensity value was not used: ${problem}` };
      if (value.country !== undefined && value.country.toUpperCase() !== location.country) {
        return { sourceId: 'user-value', label, state: 'unsupported', reason: `your value was entered for ${value.country.toUpperCase()}, not ${location.country}` };
      }
      const intensity = estimate({
        value: value.gPerKWh, low, high, unit: G_PER_KWH,
        // the user vouches for it, edgewatt cannot: it stays an assumption
        method: 'assumed',
        reasons: [`entered by the user${value.note ? `: ${value.note}` : ''}`],
        sources: [{ id: 'user-value', title: 'value entered by the user' }],
      });
      return { sourceId: 'user-value', label, state: 'ok', location, intensity, series: [] };
    },
  };
}

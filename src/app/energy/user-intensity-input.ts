import type { UserIntensity } from '../../carbon/sources/user-value.js';

export type UserIntensityInput = { state: 'ok'; value: UserIntensity } | { state: 'invalid'; reason: string };

/** The person's own intensity from form fields; empty low/high mean "no range given". */
export function userIntensityFromForm(f: { value: string; low: string; high: string; note: string }): UserIntensityInput {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const value = num(f.value);
  const low = num(f.low);
  const high = num(f.high);
  if (value === undefined) return { state: 'invalid', reason: 'enter an intensity in gCO2e/kWh (e.g. 250)' };
  if (![value, low ?? 0, high ?? 0].every(Number.isFinite)) return { state: 'invalid', reason: 'the intensity and its range must be numbers' };
  if (value < 0 || (low ?? 0) < 0) return { state: 'invalid', reason: 'an intensity cannot be negative' };
  if ((low !== undefined && low > value) || (high !== undefined && high < value)) {
    return { state: 'invalid', reason: `the range must hold the value: low ≤ ${value} ≤ high` };
  }
  const note = f.note.trim();
  return { state: 'ok', value: { gPerKWh: value, ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}), ...(note ? { note } : {}) } };
}

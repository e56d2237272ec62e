import type { Estimate } from '../../core/estimate.js';
import { powerProfiles } from '../../data/power-profiles.js';
import { rangeEstimate } from '../../energy/device-profile.js';
import { chosenLocation, guessLocationFromTimeZone } from '../../carbon/location.js';
import { staticYearlySource } from '../../carbon/sources/static-yearly.js';
import { withReasons } from '../../estimates/estimate-math.js';

export const DEVICE_CLASSES = ['phone', 'tablet', 'laptop', 'desktop'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export interface DeviceEmbodiedDefaults {
  embodiedKgCO2e: Estimate;
  lifetimeYears: Estimate;
  useRatio: Estimate;
}

/** Sourced per-class figures from edgewatt's power-profile table (DESIGN §5). */
export function deviceEmbodiedDefaults(c: DeviceClass): DeviceEmbodiedDefaults {
  const cls = powerProfiles().deviceClasses[c];
  return {
    embodiedKgCO2e: rangeEstimate(cls.embodiedKgCO2e, 'assumed', `${cls.label}: manufacturing footprint of the device class`),
    lifetimeYears: rangeEstimate(cls.lifetimeYears, 'assumed', `${cls.label}: lifetime`),
    useRatio: { ...rangeEstimate(cls.useRatio, 'assumed', `${cls.label}: share of wall-clock time in active use`), unit: 'fraction' },
  };
}

/** A first guess the person can change: touch-first browsers are taken as phones. */
export function guessDeviceClass(): DeviceClass {
  const uaMobile = (navigator as Navigator & { userAgentData?: { mobile?: boolean } }).userAgentData?.mobile;
  if (uaMobile === true) return 'phone';
  if (uaMobile === undefined && typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches) return 'phone';
  return 'laptop';
}

/**
 * Grid intensity for this device: the CO2.js yearly average of the country guessed from the time
 * zone (never the IP). Not confirmed by the person, so "assumed".
 */
export async function defaultDeviceIntensity(country?: string): Promise<Estimate | null> {
  const location = country ? chosenLocation(country) : guessLocationFromTimeZone();
  const r = await staticYearlySource().current({ location });
  if (r.state === 'unsupported') return null;
  const e = withReasons(r.intensity, location.reasons[0] ?? `grid of ${location.country}`);
  return location.origin === 'user' ? e : { ...e, method: 'assumed' };
}

/** Regions compared in "the same inference's carbon by region" (DESIGN §5 reference list). */
export const COMPARISON_REGIONS: readonly { code: string; label: string }[] = [
  { code: 'WORLD', label: 'World' },
  { code: 'FRA', label: 'France' },
  { code: 'GBR', label: 'United Kingdom' },
  { code: 'DEU', label: 'Germany' },
  { code: 'USA', label: 'United States' },
  { code: 'CHN', label: 'China' },
  { code: 'IND', label: 'India' },
];

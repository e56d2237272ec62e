import ct from 'countries-and-timezones';
import { gridIntensityData } from '../data/grid-intensity.js';
import { alpha3Of } from './country-codes.js';
import type { GridLocation } from './intensity-source.js';

/**
 * The default location, guessed from the IANA time zone (never from the IP address): the zone's
 * first country in the tz database. The user can always pick another.
 */
export function guessLocationFromTimeZone(timeZone?: string): GridLocation {
  const tz = timeZone ?? safeResolvedTimeZone();
  const world = gridIntensityData().defaultCountry;
  if (!tz) return { country: world, origin: 'default', reasons: ['time zone unknown: world average used; pick your country'] };
  const info = ct.getTimezone(tz);
  const first = info?.countries[0];
  const alpha3 = first ? alpha3Of(first) : undefined;
  if (!info || !first || !alpha3) {
    return { country: world, origin: 'default', reasons: [`time zone "${tz}" names no country: world average used; pick your country`] };
  }
  const others = info.countries.slice(1);
  return {
    country: alpha3,
    origin: 'timezone',
    reasons: [
      `guessed from the time zone ${tz}${others.length ? ` (also used in ${others.join(', ')})` : ''}: pick your country or grid region if this is wrong`,
    ],
  };
}

function safeResolvedTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A location the user chose; `zone` is a UK region (GB-1…GB-18) or a Danish price area (DK1/DK2). */
export function chosenLocation(country: string, zone?: string): GridLocation {
  return { country: country.toUpperCase(), ...(zone ? { zone } : {}), origin: 'user', reasons: ['chosen by the user'] };
}

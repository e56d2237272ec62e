import isoCountries from 'i18n-iso-countries';

/** ISO 3166-1 alpha-3 → alpha-2 (Electricity Maps zones use alpha-2); undefined for WORLD and unknown codes. */
export function alpha2Of(alpha3: string): string | undefined {
  return isoCountries.alpha3ToAlpha2(alpha3);
}

export function alpha3Of(alpha2: string): string | undefined {
  return isoCountries.alpha2ToAlpha3(alpha2);
}

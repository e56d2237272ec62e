/**
 * Branded unit types (CodeCarbon's `Energy.from_ujoules` idea): a number that carries its unit in
 * the type, so joules cannot be added to watt-hours by accident. Constructors check the number;
 * conversions are the only way to change the brand.
 */
declare const unitBrand: unique symbol;
export type Quantity<U extends string> = number & { readonly [unitBrand]: U };

export type Joules = Quantity<'J'>;
export type Microjoules = Quantity<'µJ'>;
export type WattHours = Quantity<'Wh'>;
export type KilowattHours = Quantity<'kWh'>;
export type Watts = Quantity<'W'>;
export type Seconds = Quantity<'s'>;
export type GramsCO2e = Quantity<'gCO2e'>;
export type KilogramsCO2e = Quantity<'kgCO2e'>;
export type GramsPerKWh = Quantity<'gCO2e/kWh'>;

/** Unit strings as they appear in `Estimate.unit`. */
export const UNIT = {
  J: 'J',
  uJ: 'µJ',
  Wh: 'Wh',
  kWh: 'kWh',
  W: 'W',
  s: 's',
  g: 'gCO2e',
  kg: 'kgCO2e',
  gPerKWh: 'gCO2e/kWh',
} as const;

export const JOULES_PER_WH = 3600;
export const JOULES_PER_KWH = 3_600_000;
export const MICROJOULES_PER_J = 1_000_000;
export const GRAMS_PER_KG = 1000;
/** Julian year, the convention of lifetimes given in years */
export const SECONDS_PER_YEAR = 365.25 * 24 * 3600;

function checked<U extends string>(x: number, unit: U): Quantity<U> {
  if (!Number.isFinite(x)) throw new RangeError(`${unit} value must be a finite number, got ${x}`);
  return x as Quantity<U>;
}

export const joules = (x: number): Joules => checked(x, 'J');
export const microjoules = (x: number): Microjoules => checked(x, 'µJ');
export const wattHours = (x: number): WattHours => checked(x, 'Wh');
export const kilowattHours = (x: number): KilowattHours => checked(x, 'kWh');
export const watts = (x: number): Watts => checked(x, 'W');
export const seconds = (x: number): Seconds => checked(x, 's');
export const gramsCO2e = (x: number): GramsCO2e => checked(x, 'gCO2e');
export const kilogramsCO2e = (x: number): KilogramsCO2e => checked(x, 'kgCO2e');
export const gramsPerKWh = (x: number): GramsPerKWh => checked(x, 'gCO2e/kWh');

export const secondsFromMs = (ms: number): Seconds => seconds(ms / 1000);

/** RAPL counters count microjoules. */
export const joulesFromMicrojoules = (uj: Microjoules | number): Joules => joules(uj / MICROJOULES_PER_J);
export const microjoulesFromJoules = (j: Joules): Microjoules => microjoules(j * MICROJOULES_PER_J);
export const joulesFromWh = (wh: WattHours): Joules => joules(wh * JOULES_PER_WH);
export const whFromJoules = (j: Joules): WattHours => wattHours(j / JOULES_PER_WH);
export const kWhFromJoules = (j: Joules): KilowattHours => kilowattHours(j / JOULES_PER_KWH);
export const joulesFromKWh = (kwh: KilowattHours): Joules => joules(kwh * JOULES_PER_KWH);
export const kWhFromWh = (wh: WattHours): KilowattHours => kilowattHours(wh / 1000);

/** Energy of a constant power held for a duration. */
export const joulesFromPower = (p: Watts, t: Seconds): Joules => joules(p * t);
/** Average power of an energy spent over a duration; the duration must be positive. */
export function wattsFromEnergy(e: Joules, t: Seconds): Watts {
  if (!(t > 0)) throw new RangeError(`average power needs a positive duration, got ${t} s`);
  return watts(e / t);
}

export const gramsFromKg = (kg: KilogramsCO2e): GramsCO2e => gramsCO2e(kg * GRAMS_PER_KG);
export const kgFromGrams = (g: GramsCO2e): KilogramsCO2e => kilogramsCO2e(g / GRAMS_PER_KG);

/** Operational carbon: energy in kWh times grid intensity. */
export const gramsFromEnergy = (e: KilowattHours, i: GramsPerKWh): GramsCO2e => gramsCO2e(e * i);

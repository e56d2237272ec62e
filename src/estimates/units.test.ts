import { describe, expect, it } from 'vitest';
import {
  gramsFromEnergy,
  gramsFromKg,
  gramsPerKWh,
  joules,
  joulesFromMicrojoules,
  joulesFromPower,
  joulesFromWh,
  kgFromGrams,
  kilogramsCO2e,
  kWhFromJoules,
  microjoules,
  seconds,
  secondsFromMs,
  watts,
  wattHours,
  wattsFromEnergy,
  whFromJoules,
  gramsCO2e,
} from './units.js';

describe('unit conversions', () => {
  it('converts RAPL microjoules to joules', () => {
    // 262 143 328 850 µJ (a typical max_energy_range_uj) / 1 000 000 = 262 143.32885 J
    expect(joulesFromMicrojoules(microjoules(262_143_328_850))).toBeCloseTo(262_143.32885, 6);
  });

  it('converts between J, Wh and kWh', () => {
    // 1 % of a 12.41 Wh battery = 0.1241 Wh; × 3600 J/Wh = 446.76 J
    expect(joulesFromWh(wattHours(0.1241))).toBeCloseTo(446.76, 9);
    // 7200 J / 3600 = 2 Wh
    expect(whFromJoules(joules(7200))).toBe(2);
    // 1.8 J / 3 600 000 J/kWh = 5e-7 kWh
    expect(kWhFromJoules(joules(1.8))).toBeCloseTo(5e-7, 15);
  });

  it('turns power and time into energy and back', () => {
    // 12 W for 25 ms: 12 × 0.025 = 0.3 J
    expect(joulesFromPower(watts(12), secondsFromMs(25))).toBeCloseTo(0.3, 12);
    // 446.76 J over 180 s = 2.482 W
    expect(wattsFromEnergy(joules(446.76), seconds(180))).toBeCloseTo(2.482, 12);
    expect(() => wattsFromEnergy(joules(1), seconds(0))).toThrow(/positive duration/);
  });

  it('converts carbon masses and computes operational grams', () => {
    // 69.5 kg = 69 500 g; 473 g = 0.473 kg
    expect(gramsFromKg(kilogramsCO2e(69.5))).toBe(69_500);
    expect(kgFromGrams(gramsCO2e(473))).toBeCloseTo(0.473, 12);
    // 5e-7 kWh × 473 gCO2e/kWh = 2.365e-4 g
    expect(gramsFromEnergy(kWhFromJoules(joules(1.8)), gramsPerKWh(473))).toBeCloseTo(2.365e-4, 12);
  });

  it('refuses non-finite numbers with a message naming the unit', () => {
    expect(() => watts(Number.NaN)).toThrow(/W value must be a finite number/);
    expect(() => joules(Number.POSITIVE_INFINITY)).toThrow(/J value/);
  });
});

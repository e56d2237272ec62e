import type { Estimate } from '../core/estimate.js';
import { multiply, scale } from '../estimates/estimate-math.js';
import { GRAMS_PER_KG, JOULES_PER_KWH, UNIT } from '../estimates/units.js';

function expectUnit(e: Estimate, unit: string, what: string): void {
  if (e.unit !== unit) throw new TypeError(`${what} must be in ${unit}, got ${e.unit}`);
}

/** Operational carbon C = E (kWh) × I (gCO2e/kWh), interval carried through. */
export function operationalCarbon(energyJ: Estimate, intensity: Estimate): Estimate {
  expectUnit(energyJ, UNIT.J, 'energy');
  expectUnit(intensity, UNIT.gPerKWh, 'grid intensity');
  return multiply(scale(energyJ, 1 / JOULES_PER_KWH, UNIT.kWh), intensity, UNIT.g);
}

export const gramsFromKgEstimate = (kg: Estimate): Estimate => {
  expectUnit(kg, UNIT.kg, 'embodied carbon');
  return scale(kg, GRAMS_PER_KG, UNIT.g);
};

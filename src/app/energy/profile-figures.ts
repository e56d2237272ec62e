import type { Estimate, EstimateMethod } from '../../core/estimate.js';
import type { DataRange } from '../../data/power-profiles-schema.js';
import { type DeviceProfile, rangeEstimate } from '../../energy/device-profile.js';

export interface ProfileFigure {
  label: string;
  estimate?: Estimate;
  /** when there is no figure: why */
  text?: string;
}

/**
 * The figures a profile contributes to an estimate, each with its unit, range and method. Table
 * values are published model inputs (`modelled`); values the person typed in stay `assumed`.
 */
export function profileFigures(p: DeviceProfile): ProfileFigure[] {
  const method: EstimateMethod = p.reasons.some((r) => r === 'edited by the user') ? 'assumed' : 'modelled';
  const f = (label: string, r: DataRange, why?: string): ProfileFigure => ({ label, estimate: rangeEstimate(r, method, why) });
  const out: ProfileFigure[] = [];
  switch (p.cpu.model) {
    case 'teads':
      out.push(f('CPU package power at 100 % (TDP)', p.cpu.tdpW, 'scaled by the Teads curve 0/10/50/100 % → 0.12/0.32/0.75/1.02 × TDP'));
      break;
    case 'cores':
      out.push(f('CPU power, one big core busy', p.cpu.singleCoreW), f('CPU power, all cores busy', p.cpu.allCoresW));
      break;
    case 'clusters':
      out.push(f('CPU power, all cores busy', p.cpu.allCoresW, `cluster shape: ${p.cpu.clusters.map((c) => `${c.cores} × ${c.label}`).join(', ')} (Android power_profile)`));
      break;
  }
  if (p.gpu.kind === 'hardware') out.push(f(`GPU active power (${p.gpu.name})`, p.gpu.activeW));
  else out.push({ label: 'GPU active power', text: p.gpu.kind === 'emulated' ? `${p.gpu.name}: emulated on the CPU (${p.gpu.reason}); GPU cells are costed as CPU work` : `no GPU: ${p.gpu.reason}` });
  out.push(f('Idle draw (screen on, app open)', p.idleW, 'subtracted for the attributable figure'));
  out.push(p.batteryWh ? f('Battery capacity', p.batteryWh, 'used by the battery calibration') : { label: 'Battery capacity', text: 'none in this profile: enter one to calibrate' });
  out.push(f('Embodied footprint (TE)', p.embodiedKgCO2e), f('Lifetime (EL)', p.lifetimeYears), f('Share of time in active use', p.useRatio));
  out.push({ label: 'Logical cores', text: p.logicalCores === null ? 'unknown (the browser did not say)' : `${p.logicalCores} (navigator.hardwareConcurrency)` });
  return out;
}

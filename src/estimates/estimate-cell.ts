import type { Backend } from '../core/cell.js';
import type { Environment } from '../core/environment.js';
import type { Estimate, SourceRef } from '../core/estimate.js';
import type { CompletedResult } from '../core/result-schema.js';
import { embodiedPerInference, sciPerInference } from '../carbon/embodied.js';
import type { IntensityResult } from '../carbon/intensity-source.js';
import { operationalCarbon } from '../carbon/operational.js';
import { gridIntensityData, gridIntensityVersion } from '../data/grid-intensity.js';
import { powerProfilesVersion } from '../data/power-profiles.js';
import { type DeviceProfile, rangeEstimate } from '../energy/device-profile.js';
import { type EnergyEstimate, latencyEstimate, modelEnergy } from '../energy/energy-model.js';
import { matchDevice } from '../energy/match-device.js';
import type { RaplMeasurement } from '../energy/rapl/measure-phase.js';
import { add, estimate, multiply, weakenTo, withReasons } from './estimate-math.js';

/** Stable keys of `record.estimates`. */
export const ESTIMATE_KEYS = [
  'powerAttributableW',
  'energyAttributableJ',
  'energyBusyJ',
  'gridIntensityGPerKWh',
  'carbonOperationalG',
  'carbonOperationalBusyG',
  'embodiedWallClockG',
  'embodiedActiveUseG',
  'sciWallClockG',
  'sciActiveUseG',
] as const;
export type EstimateKey = (typeof ESTIMATE_KEYS)[number];

/** A battery calibration of this device (from `calibrateFromBattery`), kept locally by the app. */
export interface DeviceCalibration {
  profileId: string;
  backend: Backend;
  threads: number;
  attributableW: Estimate;
  idleW: Estimate;
  measuredAt: string;
}

export interface EstimateContext {
  /** the device profile; matched from the environment when absent (the user may pick or edit one) */
  profile?: DeviceProfile;
  /** grid intensity for the chosen location, from the intensity registry */
  intensity: IntensityResult;
  calibration?: DeviceCalibration;
  /** RAPL energy of the steady phase (headless runner): measured energy replaces modelled */
  rapl?: RaplMeasurement;
  /** GPU busy time per inference from timestamp queries, ms */
  gpuBusyMs?: { medianMs: number; lowMs?: number; highMs?: number };
  /** RR/ToR for embodied carbon: share of the device the inference reserves (default 1) */
  resourceShare?: number;
}

export interface CellEstimates {
  /** goes into `record.estimates` */
  estimates: Partial<Record<EstimateKey, Estimate>>;
  dataVersions: { powerProfiles: string; gridIntensity: string; co2js: string };
  profile: Pick<DeviceProfile, 'id' | 'label' | 'confidence' | 'deviceClass' | 'reasons'>;
  intensity: { sourceId: string; state: IntensityResult['state']; reason?: string };
  /** what the user should know: measurements not used, figures not computed, and why */
  notes: string[];
}

/**
 * Turns a completed latency measurement into energy, carbon, embodied and SCI estimates. Every
 * figure is an interval with its method, reasons and sources; the data-file versions travel in
 * each figure's sources, so `record.estimates` alone says which tables produced it.
 */
export function estimateCell(record: CompletedResult, env: Environment, ctx: EstimateContext): CellEstimates {
  const profile = ctx.profile ?? matchDevice(env);
  const versions = {
    powerProfiles: powerProfilesVersion(),
    gridIntensity: gridIntensityVersion(),
    co2js: `@tgwf/co2@${gridIntensityData().co2jsVersion}`,
  };
  const versionRefs: SourceRef[] = Object.values(versions).map((id) => ({ id: `data:${id}`, title: `edgewatt data ${id}` }));
  const notes: string[] = [];
  const steady = record.phases.steady;
  const latencyS = latencyEstimate(steady.stats);
  const profileReason = `device profile ${profile.id} (${profile.confidence} match)`;

  let energy = modelEnergy({
    profile,
    backend: record.effectiveBackend,
    threads: record.threads,
    crossOriginIsolated: env.crossOriginIsolated,
    latencyS,
    gpuBusyS: ctx.gpuBusyMs ? gpuBusy(ctx.gpuBusyMs) : undefined,
  });
  energy = applyCalibration(energy, record, profile, latencyS, ctx.calibration, notes);
  energy = applyRapl(energy, record, ctx.rapl, notes);

  const out: Partial<Record<EstimateKey, Estimate>> = {
    powerAttributableW: energy.powerAttributableW,
    energyAttributableJ: withReasons(energy.energyAttributableJ, 'attributable: energy above the device’s idle draw'),
    energyBusyJ: withReasons(energy.energyBusyJ, 'total while busy: idle draw included'),
  };

  const embodied = (allocation: 'wall-clock' | 'active-use') =>
    embodiedPerInference(
      {
        totalKgCO2e: rangeEstimate(profile.embodiedKgCO2e, 'modelled', 'device manufacturing footprint (TE)'),
        lifetimeYears: rangeEstimate(profile.lifetimeYears),
        useRatio: rangeEstimate(profile.useRatio),
        reservedS: latencyS,
        resourceShare: ctx.resourceShare === undefined ? undefined : estimate({ value: ctx.resourceShare, unit: 'fraction', method: 'assumed', reasons: [`RR/ToR = ${ctx.resourceShare}`] }),
      },
      allocation,
    );
  out.embodiedWallClockG = embodied('wall-clock');
  out.embodiedActiveUseG = embodied('active-use');

  const intensity = usableIntensity(ctx.intensity, notes);
  if (intensity) {
    out.gridIntensityGPerKWh = intensity;
    out.carbonOperationalG = operationalCarbon(energy.energyAttributableJ, intensity);
    out.carbonOperationalBusyG = operationalCarbon(energy.energyBusyJ, intensity);
    out.sciWallClockG = sciPerInference(out.carbonOperationalG, out.embodiedWallClockG);
    out.sciActiveUseG = sciPerInference(out.carbonOperationalG, out.embodiedActiveUseG);
  }

  const estimates: Partial<Record<EstimateKey, Estimate>> = {};
  for (const key of ESTIMATE_KEYS) {
    const e = out[key];
    if (!e) continue;
    const reasons = key === 'gridIntensityGPerKWh' ? e.reasons : [...e.reasons, profileReason];
    estimates[key] = { ...e, reasons: [...new Set(reasons)], sources: [...e.sources, ...versionRefs] };
  }
  return {
    estimates,
    dataVersions: versions,
    profile: { id: profile.id, label: profile.label, confidence: profile.confidence, deviceClass: profile.deviceClass, reasons: profile.reasons },
    intensity: { sourceId: ctx.intensity.sourceId, state: ctx.intensity.state, ...('reason' in ctx.intensity ? { reason: ctx.intensity.reason } : {}) },
    notes,
  };
}

function gpuBusy(b: NonNullable<EstimateContext['gpuBusyMs']>): Estimate {
  return estimate({
    value: b.medianMs / 1000,
    low: Math.min(b.lowMs ?? b.medianMs, b.medianMs) / 1000,
    high: Math.max(b.highMs ?? b.medianMs, b.medianMs) / 1000,
    unit: 's',
    method: 'measured',
    reasons: ['GPU busy time from timestamp queries'],
  });
}

function usableIntensity(r: IntensityResult, notes: string[]): Estimate | null {
  if (r.state === 'unsupported') {
    notes.push(`carbon figures not computed: ${r.reason}`);
    return null;
  }
  if (r.state === 'fallback') notes.push(r.reason);
  // a location the user did not confirm makes every carbon figure an assumption
  if (r.location.origin !== 'user') return weakenTo(r.intensity, 'assumed', r.location.reasons[0]);
  return r.intensity;
}

function applyCalibration(
  modelled: EnergyEstimate,
  record: CompletedResult,
  profile: DeviceProfile,
  latencyS: Estimate,
  cal: DeviceCalibration | undefined,
  notes: string[],
): EnergyEstimate {
  if (!cal) return modelled;
  const same = cal.profileId === profile.id && cal.backend === record.effectiveBackend && cal.threads === record.threads;
  if (!same) {
    notes.push(`battery calibration not used: it was made for ${cal.profileId} on ${cal.backend}/${cal.threads} thread(s), this cell ran ${profile.id} on ${record.effectiveBackend}/${record.threads}`);
    return modelled;
  }
  const why = `battery calibration of ${cal.measuredAt}`;
  const att = withReasons(multiply(cal.attributableW, latencyS, 'J'), why);
  return {
    ...modelled,
    powerAttributableW: withReasons(cal.attributableW, why),
    energyAttributableJ: att,
    energyBusyJ: withReasons(add(att, multiply(cal.idleW, latencyS, 'J')), why),
  };
}

function applyRapl(energy: EnergyEstimate, record: CompletedResult, rapl: RaplMeasurement | undefined, notes: string[]): EnergyEstimate {
  if (!rapl) return energy;
  if (rapl.state !== 'measured') {
    const why = `RAPL ${rapl.state}: ${rapl.reason}`;
    notes.push(why);
    return { ...energy, energyAttributableJ: withReasons(energy.energyAttributableJ, why), energyBusyJ: withReasons(energy.energyBusyJ, why) };
  }
  const n = record.phases.steady.samplesMs.length * record.phases.steady.runsPerSample;
  if (n <= 0) {
    notes.push('RAPL measurement not used: the steady phase has no inferences');
    return energy;
  }
  const raplRef: SourceRef = { id: 'rapl', title: `Linux powercap RAPL: ${rapl.zones.join(', ')}` };
  const reasons = [`RAPL package energy over the steady phase (${n} inferences, ${(rapl.phaseMs / 1000).toFixed(1)} s)`];
  const attJ = rapl.attributableJ / n;
  const att = estimate({
    value: Math.max(attJ, 0),
    unit: 'J',
    method: 'measured',
    reasons: [...reasons, `minus an idle baseline of equal length${attJ < 0 ? ' (below the baseline within noise: shown as 0)' : ''}`],
    sources: [raplRef],
  });
  const busy = estimate({ value: rapl.phaseJ / n, unit: 'J', method: 'measured', reasons: [...reasons, 'CPU package only: display and other parts not counted'], sources: [raplRef] });
  const power = rapl.phaseMs > 0
    ? estimate({ value: Math.max(rapl.attributableJ, 0) / (rapl.phaseMs / 1000), unit: 'W', method: 'measured', reasons, sources: [raplRef] })
    : energy.powerAttributableW;
  return { ...energy, powerAttributableW: power, energyAttributableJ: att, energyBusyJ: busy };
}

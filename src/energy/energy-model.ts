import type { Backend } from '../core/cell.js';
import type { Estimate } from '../core/estimate.js';
import { powerProfiles } from '../data/power-profiles.js';
import { add, estimate, multiply, scale } from '../estimates/estimate-math.js';
import { cpuPowerAboveIdle, threadsUsed } from './cpu-power.js';
import { type DeviceProfile, rangeEstimate } from './device-profile.js';

export type ComputeKind = 'cpu' | 'gpu' | 'emulated-gpu';

export interface EnergyInput {
  profile: DeviceProfile;
  /** the backend that actually ran (record.effectiveBackend) */
  backend: Backend;
  /** record.threads (0 = not recorded) */
  threads: number;
  crossOriginIsolated: boolean;
  /** wall time of one inference, s */
  latencyS: Estimate;
  /** GPU busy time of one inference from timestamp queries, s; absent → the latency stands in */
  gpuBusyS?: Estimate;
}

export interface EnergyEstimate {
  computeKind: ComputeKind;
  /** average power above the device's idle draw while one inference runs */
  powerAttributableW: Estimate;
  /** energy above idle per inference (the headline) */
  energyAttributableJ: Estimate;
  /** whole-device energy while busy per inference: idle draw + attributable */
  energyBusyJ: Estimate;
}

const isGpuBackend = (b: Backend) => b === 'webgpu' || b === 'webgl';

/** GPU power above its own idle: active power minus CCF's idle share of the maximum. */
export function gpuPowerAboveIdle(profile: DeviceProfile): Estimate | null {
  if (profile.gpu.kind !== 'hardware') return null;
  const active = rangeEstimate(profile.gpu.activeW, 'modelled', `${profile.gpu.name} active power`);
  const idleShare = rangeEstimate(powerProfiles().gpuIdleFraction, 'modelled', 'GPU idle draw as a share of its maximum (CCF)');
  const keep = estimate({ ...idleShare, value: 1 - idleShare.value, low: 1 - idleShare.high, high: 1 - idleShare.low, unit: 'fraction' });
  return multiply(active, keep, 'W');
}

/**
 * Modelled energy of one inference (DESIGN §4). CPU backends: CPU power above idle from the threads
 * used. GPU backends: GPU power above idle × busy time plus one CPU core dispatching for the whole
 * latency. A CPU-emulated GPU (SwiftShader) is CPU work on every core it can use.
 */
export function modelEnergy(input: EnergyInput): EnergyEstimate {
  const { profile, latencyS } = input;
  const cores = profile.logicalCores;
  let kind: ComputeKind = 'cpu';
  let powerAtt: Estimate;
  let energyAtt: Estimate;

  if (isGpuBackend(input.backend) && profile.gpu.kind === 'emulated') {
    kind = 'emulated-gpu';
    const hi = cores ?? 8;
    const threads = estimate({
      value: hi, low: 1, high: hi, unit: 'threads', method: 'assumed',
      reasons: [`${profile.gpu.reason}: modelled as CPU work on 1 to ${hi} threads (SwiftShader spreads work over all cores)`],
    });
    powerAtt = cpuPowerAboveIdle(profile, threads);
    energyAtt = multiply(powerAtt, latencyS, 'J');
  } else if (isGpuBackend(input.backend)) {
    kind = 'gpu';
    const gpuW = gpuPowerAboveIdle(profile) ?? rangeEstimate(classGpu(profile), 'assumed', 'no GPU adapter information: device-class GPU range');
    const oneCore = estimate({ value: 1, unit: 'threads', method: 'measured', reasons: ['one CPU core dispatches GPU work'] });
    const dispatchW = cpuPowerAboveIdle(profile, oneCore);
    const busy = input.gpuBusyS ?? { ...latencyS, reasons: [...latencyS.reasons, 'GPU busy time taken as the whole latency (no timestamp queries): upper-leaning'] };
    energyAtt = add(multiply(gpuW, busy, 'J'), multiply(dispatchW, latencyS, 'J'));
    // average over the median latency: the GPU is busy for busy/latency of it
    const busyShare = input.gpuBusyS && latencyS.value > 0 ? Math.min(input.gpuBusyS.value / latencyS.value, 1) : 1;
    powerAtt = add(scale(gpuW, busyShare), dispatchW);
  } else {
    const threads = threadsUsed(input.backend, input.threads, cores, input.crossOriginIsolated);
    powerAtt = cpuPowerAboveIdle(profile, threads);
    energyAtt = multiply(powerAtt, latencyS, 'J');
  }

  const idle = rangeEstimate(profile.idleW, 'modelled', 'device draw at idle with the app open');
  const energyBusy = add(energyAtt, multiply(idle, latencyS, 'J'));
  return {
    computeKind: kind,
    powerAttributableW: powerAtt,
    energyAttributableJ: energyAtt,
    energyBusyJ: energyBusy,
  };
}

function classGpu(profile: DeviceProfile) {
  const data = powerProfiles();
  const c = profile.deviceClass;
  return c === 'phone' || c === 'tablet' || c === 'laptop' || c === 'desktop' ? data.deviceClasses[c].gpuActiveW : data.deviceClasses.desktop.gpuActiveW;
}

/** Per-inference latency from the steady-state statistics: median with its bootstrap 95 % CI. */
export function latencyEstimate(stats: { medianMs: number; ciLowMs: number; ciHighMs: number; n: number }): Estimate {
  return estimate({
    value: stats.medianMs / 1000,
    low: Math.min(stats.ciLowMs, stats.medianMs) / 1000,
    high: Math.max(stats.ciHighMs, stats.medianMs) / 1000,
    unit: 's',
    method: 'measured',
    reasons: [`median latency of ${stats.n} timed samples, bootstrap 95 % CI`],
  });
}

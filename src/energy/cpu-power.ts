import type { Backend } from '../core/cell.js';
import type { Estimate } from '../core/estimate.js';
import { powerProfiles, sourceRefs } from '../data/power-profiles.js';
import type { CpuPower, PowerProfiles } from '../data/power-profiles-schema.js';
import { estimate, mapIncreasing, multiply } from '../estimates/estimate-math.js';
import { type DeviceProfile, rangeEstimate } from './device-profile.js';

/** Piecewise-linear interpolation of a utilisation → power-factor curve (Teads), clamped to [0, 1]. */
export function curveFactor(u: number, curve: Pick<PowerProfiles['teadsCurve'], 'utilisation' | 'tdpFactor'>): number {
  const xs = curve.utilisation;
  const ys = curve.tdpFactor;
  const x = Math.min(Math.max(u, xs[0] as number), xs[xs.length - 1] as number);
  for (let i = 1; i < xs.length; i++) {
    const x1 = xs[i] as number;
    if (x <= x1) {
      const x0 = xs[i - 1] as number;
      const y0 = ys[i - 1] as number;
      const y1 = ys[i] as number;
      return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return ys[ys.length - 1] as number;
}

export const teadsFactor = (u: number): number => curveFactor(u, powerProfiles().teadsCurve);

/** Phones have eight cores almost always; used only when the browser hides the count. */
const ASSUMED_PHONE_CORES = 8;

/**
 * Threads a cell kept busy. tfjs `cpu` is plain JavaScript on one thread; WASM uses the recorded
 * thread count, and without cross-origin isolation it cannot have more than one.
 */
export function threadsUsed(backend: Backend, recordedThreads: number, cores: number | null, crossOriginIsolated: boolean): Estimate {
  const cap = cores ?? Number.POSITIVE_INFINITY;
  if (backend === 'cpu') return estimate({ value: 1, unit: 'threads', method: 'measured', reasons: ['tfjs cpu backend runs on one thread'] });
  if (!crossOriginIsolated) {
    return estimate({ value: 1, unit: 'threads', method: 'measured', reasons: ['not cross-origin isolated: WASM runs single-threaded'] });
  }
  if (recordedThreads >= 1) {
    const t = Math.min(recordedThreads, cap);
    return estimate({ value: t, unit: 'threads', method: 'measured', reasons: [`${t} thread(s) recorded by the runtime`] });
  }
  const high = Number.isFinite(cap) ? cap : ASSUMED_PHONE_CORES;
  return estimate({ value: 1, low: 1, high, unit: 'threads', method: 'assumed', reasons: [`thread count not recorded: 1 to ${high} threads`] });
}

/** Power the CPU draws above its idle for `threads` busy threads, with the profile's interval. */
export function cpuPowerAboveIdle(profile: DeviceProfile, threads: Estimate): Estimate {
  const cpu = profile.cpu;
  switch (cpu.model) {
    case 'teads':
      return teadsAboveIdle(cpu, profile.logicalCores, threads);
    case 'cores':
      return coresAboveIdle(cpu, profile.logicalCores ?? ASSUMED_PHONE_CORES, threads, profile.logicalCores === null);
    case 'clusters':
      return clustersAboveIdle(cpu, threads);
  }
}

function teadsAboveIdle(cpu: Extract<CpuPower, { model: 'teads' }>, cores: number | null, threads: Estimate): Estimate {
  const table = powerProfiles();
  const idle = teadsFactor(0);
  const util =
    cores === null
      ? estimate({ value: 0.25, low: 0.05, high: 1, unit: 'fraction', method: 'assumed', reasons: ['logical core count unknown: utilisation 5-100 %'] })
      : mapIncreasing(threads, (t) => Math.min(t / cores, 1), 'fraction', `utilisation = threads / ${cores} logical cores`);
  const factor = mapIncreasing(util, (u) => teadsFactor(u) - idle, 'fraction', 'Teads curve (0/10/50/100 % → 0.12/0.32/0.75/1.02 × TDP) above its idle point, interpolated linearly');
  const withSources = { ...factor, sources: [...factor.sources, ...sourceRefs(table.teadsCurve.src, table)] };
  return multiply(rangeEstimate(cpu.tdpW, 'modelled', 'CPU package TDP'), withSources, 'W');
}

function coresAboveIdle(cpu: Extract<CpuPower, { model: 'cores' }>, cores: number, threads: Estimate, coresAssumed: boolean): Estimate {
  const single = rangeEstimate(cpu.singleCoreW, 'modelled', 'one big core at full load');
  const all = rangeEstimate(cpu.allCoresW, 'modelled', 'all cores at full load');
  const w = (t: number) => (cores <= 1 ? 1 : (Math.min(Math.max(t, 1), cores) - 1) / (cores - 1));
  // P = single·(1 − w) + all·w is linear in each input, so its extremes sit at the corners
  const at = (t: number, s: number, a: number) => s * (1 - w(t)) + a * w(t);
  const corners: number[] = [];
  for (const t of [threads.low, threads.high]) for (const s of [single.low, single.high]) for (const a of [all.low, all.high]) corners.push(at(t, s, a));
  return estimate({
    value: at(threads.value, single.value, all.value),
    low: Math.min(...corners),
    high: Math.max(...corners),
    unit: 'W',
    method: threads.method === 'assumed' || coresAssumed ? 'assumed' : 'modelled',
    reasons: [
      ...threads.reasons,
      ...single.reasons,
      ...all.reasons,
      `power interpolated linearly from one big core to all ${cores} cores${coresAssumed ? ' (core count assumed)' : ''}`,
    ],
    sources: [...single.sources, ...all.sources],
  });
}

/** Share of the all-cores power_profile current drawn by the first `t` threads (big cores first). */
export function clusterShare(cpu: Extract<CpuPower, { model: 'clusters' }>, t: number): number {
  let left = Math.max(0, Math.floor(t));
  let used = left > 0 ? cpu.cpuActiveMilliamps : 0;
  let total = cpu.cpuActiveMilliamps;
  for (const c of cpu.clusters) {
    total += c.clusterMilliamps + c.cores * c.coreMaxMilliamps;
    const n = Math.min(left, c.cores);
    if (n > 0) used += c.clusterMilliamps + n * c.coreMaxMilliamps;
    left -= n;
  }
  return total > 0 ? used / total : 0;
}

function clustersAboveIdle(cpu: Extract<CpuPower, { model: 'clusters' }>, threads: Estimate): Estimate {
  const share = mapIncreasing(threads, (t) => clusterShare(cpu, t), 'fraction',
    'threads fill the biggest cores first; share of all-cores power from the power_profile cluster currents (cpu.active + cluster + per-core)');
  const withSources = { ...share, sources: [...share.sources, ...sourceRefs(cpu.src)] };
  return multiply(rangeEstimate(cpu.allCoresW, 'modelled', 'SoC all-cores power'), withSources, 'W');
}

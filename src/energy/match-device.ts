import type { Environment } from '../core/environment.js';
import { powerProfiles, powerProfilesVersion } from '../data/power-profiles.js';
import type { CpuPower, DataRange, DeviceClassProfile, PowerProfiles } from '../data/power-profiles-schema.js';
import { type DeviceProfile, type MatchConfidence, type ProfileClass, hullRange } from './device-profile.js';
import { detectPlatform } from './detect-platform.js';
import { matchGpu } from './match-gpu.js';

type ClassFields = Pick<DeviceProfile, 'cpu' | 'idleW' | 'batteryWh' | 'embodiedKgCO2e' | 'lifetimeYears' | 'useRatio'> & { label: string };

/**
 * Device → power profile from what the browser tells (UA-CH platform/model/mobile, GPU adapter,
 * cores). An unrecognised device gets its class's ranges, and an unknown class the hull of the
 * classes: wide intervals, never a made-up point.
 */
export function matchDevice(env: Environment, data: PowerProfiles = powerProfiles()): DeviceProfile {
  const p = detectPlatform(env);
  const reasons = [...p.reasons];
  const model = p.model?.toLowerCase();
  const device = model ? data.devices.find((d) => d.uaModels.some((m) => m.toLowerCase() === model)) : undefined;
  if (p.model && !device) reasons.push(`model "${p.model}" is not in the power table: class ranges are used`);
  if (device) reasons.push(`device recognised from its UA-CH model "${p.model}": ${device.name}`);

  let deviceClass: ProfileClass = device?.deviceClass ?? p.deviceClass;
  const g = matchGpu(env, deviceClass, data);
  reasons.push(...g.reasons);
  if (deviceClass === 'computer' && g.impliedClass) {
    deviceClass = g.impliedClass;
    reasons.push(`the GPU is a ${g.impliedClass} part: ${g.impliedClass} class`);
  }

  const base = classFields(deviceClass, data);
  const soc = device?.socId ? data.socs.find((s) => s.id === device.socId) : undefined;
  const appleSilicon = p.platform === 'macos' && g.gpu.kind === 'hardware' && g.gpu.classId === 'apple-m-gpu';
  let cpu: CpuPower = base.cpu;
  if (soc) {
    cpu = soc.cpu;
    reasons.push(`CPU: ${soc.name} per-cluster power (Android power_profile)`);
  } else if (appleSilicon) {
    const apple = data.cpuTdpClasses.find((c) => c.id === 'apple-m');
    if (apple) {
      cpu = { model: 'teads', tdpW: apple.tdpW };
      reasons.push('CPU: Apple silicon (Apple GPU on macOS): Apple M package range on the Teads curve');
    }
  } else {
    reasons.push(`CPU: model not exposed by the browser: ${base.label} range`);
  }

  const cores = env.hardwareConcurrency > 0 ? env.hardwareConcurrency : null;
  if (cores === null) reasons.push('logical core count unknown (hardwareConcurrency not given)');

  const confidence: MatchConfidence = device
    ? 'device'
    : soc || appleSilicon || (g.specific && g.gpu.kind === 'hardware')
      ? 'parts'
      : deviceClass === 'any'
        ? 'unknown'
        : 'class';
  const gpuPart = g.gpu.kind === 'hardware' && g.specific ? `+gpu:${g.gpu.classId}` : g.gpu.kind === 'emulated' ? '+gpu:emulated' : '';
  return {
    id: device ? `device:${device.id}` : `class:${deviceClass}${appleSilicon ? '+cpu:apple-m' : ''}${gpuPart}`,
    label: device ? device.name : `${base.label}${g.gpu.kind === 'hardware' && g.specific ? `, ${g.gpu.name}` : ''}`,
    deviceClass,
    confidence,
    cpu,
    logicalCores: cores,
    gpu: g.gpu,
    idleW: base.idleW,
    batteryWh: device?.batteryWh ?? base.batteryWh,
    embodiedKgCO2e: device?.embodiedKgCO2e ?? base.embodiedKgCO2e,
    lifetimeYears: base.lifetimeYears,
    useRatio: base.useRatio,
    reasons,
    dataVersion: powerProfilesVersion(),
  };
}

function fromClass(c: DeviceClassProfile): ClassFields {
  return { label: c.label, cpu: c.cpu, idleW: c.idleW, batteryWh: c.batteryWh, embodiedKgCO2e: c.embodiedKgCO2e, lifetimeYears: c.lifetimeYears, useRatio: c.useRatio };
}

/** Class ranges; the merged pseudo-classes take the hull of their members. */
export function classFields(deviceClass: ProfileClass, data: PowerProfiles): ClassFields {
  const { phone, laptop, desktop } = data.deviceClasses;
  switch (deviceClass) {
    case 'phone':
    case 'tablet':
    case 'laptop':
    case 'desktop':
      return fromClass(data.deviceClasses[deviceClass]);
    case 'computer': {
      const note = 'laptop or desktop (the browser does not tell which): span of both classes';
      return {
        label: 'Laptop or desktop (model unknown)',
        cpu: { model: 'teads', tdpW: hullRange(tdp(laptop), tdp(desktop), note) },
        idleW: hullRange(laptop.idleW, desktop.idleW, note),
        batteryWh: null,
        embodiedKgCO2e: hullRange(laptop.embodiedKgCO2e, desktop.embodiedKgCO2e, note),
        lifetimeYears: hullRange(laptop.lifetimeYears, desktop.lifetimeYears, note),
        useRatio: hullRange(laptop.useRatio, desktop.useRatio, note),
      };
    }
    case 'any': {
      const note = 'device class unknown: span of phones, laptops and desktops';
      const phoneAll = phone.cpu.model === 'teads' ? phone.cpu.tdpW : phone.cpu.allCoresW;
      const all = (f: (c: DeviceClassProfile) => DataRange) => hullRange(hullRange(f(phone), f(laptop), note), f(desktop), note);
      return {
        label: 'Unknown device',
        // phones' all-core power stands in for a TDP so one Teads curve spans every class
        cpu: { model: 'teads', tdpW: hullRange(hullRange(phoneAll, tdp(laptop), note), tdp(desktop), note) },
        idleW: all((c) => c.idleW),
        batteryWh: null,
        embodiedKgCO2e: all((c) => c.embodiedKgCO2e),
        lifetimeYears: all((c) => c.lifetimeYears),
        useRatio: all((c) => c.useRatio),
      };
    }
  }
}

function tdp(c: DeviceClassProfile): DataRange {
  if (c.cpu.model !== 'teads') throw new Error(`class ${c.label} has no TDP`);
  return c.cpu.tdpW;
}

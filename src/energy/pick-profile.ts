import type { Environment } from '../core/environment.js';
import { powerProfiles, powerProfilesVersion } from '../data/power-profiles.js';
import type { DeviceClassId, PowerProfiles } from '../data/power-profiles-schema.js';
import { type DeviceProfile, deviceProfileSchema } from './device-profile.js';
import { classFields, matchDevice } from './match-device.js';

export type ProfileChoice =
  | { kind: 'device'; id: string; label: string }
  | { kind: 'class'; id: DeviceClassId; label: string }
  | { kind: 'cpu-tdp'; id: string; label: string };

/** What the user can pick from: known devices, the four classes, and laptop/desktop CPU classes. */
export function profileChoices(data: PowerProfiles = powerProfiles()): ProfileChoice[] {
  return [
    ...data.devices.map((d) => ({ kind: 'device' as const, id: d.id, label: d.name })),
    ...(Object.entries(data.deviceClasses) as [DeviceClassId, PowerProfiles['deviceClasses'][DeviceClassId]][]).map(([id, c]) => ({ kind: 'class' as const, id, label: c.label })),
    ...data.cpuTdpClasses.map((c) => ({ kind: 'cpu-tdp' as const, id: c.id, label: `${c.name} (${c.deviceClass})` })),
  ];
}

export type PickResult = { state: 'ok'; profile: DeviceProfile } | { state: 'invalid'; reason: string };

/**
 * The profile for a user's pick. The GPU and core count still come from the environment (the
 * browser knows them better than a pick); everything else from the chosen entry.
 */
export function profileFromChoice(choice: Pick<ProfileChoice, 'kind' | 'id'>, env: Environment, data: PowerProfiles = powerProfiles()): PickResult {
  const matched = matchDevice(env, data);
  const common = { logicalCores: matched.logicalCores, gpu: matched.gpu, confidence: 'user' as const, dataVersion: powerProfilesVersion() };
  if (choice.kind === 'device') {
    const d = data.devices.find((x) => x.id === choice.id);
    if (!d) return { state: 'invalid', reason: `no device "${choice.id}" in the power table` };
    const base = classFields(d.deviceClass, data);
    const soc = d.socId ? data.socs.find((s) => s.id === d.socId) : undefined;
    return ok({
      ...base, ...common, id: `device:${d.id}`, label: d.name, deviceClass: d.deviceClass, cpu: soc?.cpu ?? base.cpu,
      batteryWh: d.batteryWh ?? base.batteryWh, embodiedKgCO2e: d.embodiedKgCO2e ?? base.embodiedKgCO2e,
      reasons: [`picked by the user: ${d.name}`],
    });
  }
  if (choice.kind === 'class') {
    if (!(choice.id in data.deviceClasses)) return { state: 'invalid', reason: `no device class "${choice.id}"` };
    const base = classFields(choice.id as DeviceClassId, data);
    return ok({ ...base, ...common, id: `class:${choice.id}`, deviceClass: choice.id as DeviceClassId, reasons: [`picked by the user: ${base.label}`] });
  }
  const c = data.cpuTdpClasses.find((x) => x.id === choice.id);
  if (!c) return { state: 'invalid', reason: `no CPU class "${choice.id}"` };
  const base = classFields(c.deviceClass, data);
  return ok({ ...base, ...common, id: `class:${c.deviceClass}+cpu:${c.id}`, label: `${base.label}, ${c.name}`, deviceClass: c.deviceClass, cpu: { model: 'teads', tdpW: c.tdpW }, reasons: [`picked by the user: ${c.name}`] });
}

/** A profile the user edited (e.g. a TDP or battery capacity they know), checked before use. */
export function editedProfile(input: unknown): PickResult {
  const r = deviceProfileSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    return { state: 'invalid', reason: `profile not usable: ${i ? `${i.path.join('.')}: ${i.message}` : 'unexpected shape'}` };
  }
  return { state: 'ok', profile: { ...r.data, confidence: 'user', reasons: [...r.data.reasons, 'edited by the user'] } };
}

function ok(p: DeviceProfile): PickResult {
  return { state: 'ok', profile: p };
}

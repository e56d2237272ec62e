import { describe, expect, it } from 'vitest';
import { editedProfile, profileChoices, profileFromChoice } from './pick-profile.js';
import { environment, swiftShader } from './test-support/environments.js';

describe('picking and editing a profile', () => {
  const env = environment({ gpu: swiftShader, hardwareConcurrency: 4 });

  it('offers devices, classes and CPU classes', () => {
    const kinds = new Set(profileChoices().map((c) => c.kind));
    expect(kinds).toEqual(new Set(['device', 'class', 'cpu-tdp']));
    expect(profileChoices().some((c) => c.id === 'iphone-13')).toBe(true);
  });

  it('builds the picked device with the environment’s GPU and cores', () => {
    const r = profileFromChoice({ kind: 'device', id: 'macbook-air-m1' }, env);
    if (r.state !== 'ok') throw new Error(r.reason);
    expect(r.profile).toMatchObject({ id: 'device:macbook-air-m1', confidence: 'user', deviceClass: 'laptop', logicalCores: 4, gpu: { kind: 'emulated' } });
    expect(r.profile.embodiedKgCO2e.value).toBe(122.4);
  });

  it('uses a picked CPU class on the Teads curve', () => {
    const r = profileFromChoice({ kind: 'cpu-tdp', id: 'intel-u' }, env);
    if (r.state !== 'ok') throw new Error(r.reason);
    expect(r.profile.cpu).toMatchObject({ model: 'teads', tdpW: { value: 15, low: 15, high: 57 } });
  });

  it('refuses unknown picks and broken edits with a reason', () => {
    expect(profileFromChoice({ kind: 'device', id: 'nokia-3310' }, env)).toMatchObject({ state: 'invalid' });
    const good = profileFromChoice({ kind: 'class', id: 'phone' }, env);
    if (good.state !== 'ok') throw new Error(good.reason);
    const broken = { ...good.profile, idleW: { ...good.profile.idleW, low: 5, value: 1 } };
    const r = editedProfile(broken);
    expect(r.state).toBe('invalid');
    if (r.state === 'invalid') expect(r.reason).toMatch(/idleW/);
    expect(editedProfile({ ...good.profile, batteryWh: { ...good.profile.batteryWh, value: 15, low: 15, high: 15 } })).toMatchObject({ state: 'ok', profile: { confidence: 'user' } });
  });
});

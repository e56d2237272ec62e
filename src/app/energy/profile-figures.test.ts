import { describe, expect, it } from 'vitest';
import { matchDevice } from '../../energy/match-device.js';
import { editedProfile } from '../../energy/pick-profile.js';
import { environment, swiftShader } from '../../energy/test-support/environments.js';
import { profileFigures } from './profile-figures.js';

describe('profileFigures', () => {
  const matched = matchDevice(environment({ gpu: swiftShader }));

  it('gives every table figure with unit, range, method and a source, and says why the GPU has none', () => {
    const figs = profileFigures(matched);
    const withFigure = figs.filter((f) => f.estimate);
    expect(withFigure.length).toBeGreaterThanOrEqual(5);
    for (const f of withFigure) {
      expect(f.estimate?.unit, f.label).toMatch(/\S/);
      expect(f.estimate?.method, f.label).toBe('modelled');
      expect(f.estimate?.sources.length, f.label).toBeGreaterThan(0);
    }
    expect(figs.find((f) => f.label === 'GPU active power')?.text).toMatch(/emulated on the CPU/);
  });

  it('marks the figures of a profile the person edited as assumed', () => {
    const edited = editedProfile({ ...matched, idleW: { ...matched.idleW, value: 9, low: 8, high: 10 } });
    if (edited.state !== 'ok') throw new Error(edited.reason);
    const idle = profileFigures(edited.profile).find((f) => f.label.startsWith('Idle draw'));
    expect(idle?.estimate).toMatchObject({ value: 9, low: 8, high: 10, unit: 'W', method: 'assumed' });
  });
});

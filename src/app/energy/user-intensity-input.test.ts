import { describe, expect, it } from 'vitest';
import { userIntensityFromForm } from './user-intensity-input.js';

const form = (value: string, low = '', high = '', note = '') => userIntensityFromForm({ value, low, high, note });

describe('userIntensityFromForm', () => {
  it('accepts a value with an optional range and note', () => {
    expect(form('250', '200', '300', ' my supplier 2025 ')).toEqual({ state: 'ok', value: { gPerKWh: 250, low: 200, high: 300, note: 'my supplier 2025' } });
    expect(form('0')).toEqual({ state: 'ok', value: { gPerKWh: 0 } });
  });
  it('refuses empty, negative, non-numeric and out-of-range input with what to do', () => {
    expect(form('')).toMatchObject({ state: 'invalid', reason: expect.stringMatching(/enter an intensity/) });
    expect(form('-5')).toMatchObject({ state: 'invalid', reason: expect.stringMatching(/cannot be negative/) });
    expect(form('abc')).toMatchObject({ state: 'invalid', reason: expect.stringMatching(/must be numbers/) });
    expect(form('250', '260')).toMatchObject({ state: 'invalid', reason: expect.stringMatching(/range must hold the value/) });
  });
});

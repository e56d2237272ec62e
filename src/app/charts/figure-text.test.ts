import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../core/estimate.js';
import { estimateTooltip } from '../format.js';
import { formatCount, formatEstimate, formatJoules } from './figure-text.js';

const e = (o: Partial<Estimate>): Estimate => ({ value: 0.0123, low: 0.008, high: 0.02, unit: 'J', method: 'modelled', reasons: [], sources: [], ...o });

describe('formatEstimate', () => {
  it('never shows a number without its unit, range and method', () => {
    expect(formatEstimate(e({}))).toBe('0.0123 J (0.00800–0.0200, modelled)');
  });
  it('drops the range of an exact figure but keeps the method', () => {
    expect(formatEstimate(e({ value: 3, low: 3, high: 3, method: 'assumed', unit: 'kgCO2e' }))).toBe('3.00 kgCO2e (assumed)');
  });
  it('shows fractions as percentages and ratios with ×', () => {
    expect(formatEstimate(e({ value: 0.25, low: 0.1, high: 0.5, unit: 'fraction' }))).toBe('25.0 % (10.0 %–50.0 %, modelled)');
    expect(formatEstimate(e({ value: 2, low: 1.5, high: 3, unit: 'ratio' }))).toBe('2.00× (1.50–3.00, modelled)');
  });
});

describe('estimateTooltip', () => {
  it('says how the figure was obtained, why, and cites its sources', () => {
    const text = estimateTooltip(e({ reasons: ['Teads curve'], sources: [{ id: 'teads', title: 'Teads engineering', url: 'https://example.org/teads' }] }));
    expect(text).toContain('How obtained: modelled');
    expect(text).toContain('• Teads curve');
    expect(text).toContain('Source: Teads engineering (https://example.org/teads)');
  });
});

describe('axis units', () => {
  it('prefixes joules so a tick never reads "2m"', () => {
    expect(formatJoules(0.0021)).toBe('2.1 mJ');
    expect(formatJoules(3.4e-7)).toBe('340 nJ');
    expect(formatJoules(1500)).toBe('1.5 kJ');
    expect(formatJoules(0)).toBe('0 J');
  });
  it('shortens counts with k / M / G', () => {
    expect(formatCount(41802)).toBe('41.8 k');
    expect(formatCount(1032512)).toBe('1.03 M');
    expect(formatCount(512)).toBe('512');
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatMega, formatPrecisionMix, incompleteReason } from './format-accounting.js';

describe('forge accounting as the table shows it', () => {
  it('marks a compute count that left ops out as incomplete, and says which', () => {
    expect(formatMega(1_070_410, { complete: true })).toBe('1.070');
    expect(formatMega(1_070_410, { complete: false })).toBe('1.070 (incomplete)');
    expect(incompleteReason({ complete: false, unknownOps: ['com.example::FancyNorm'], uncountedNodes: 2 })).toBe('A lower bound: no counting rule for com.example::FancyNorm; 2 node(s) with an unknown shape.');
    expect(incompleteReason({ complete: true, unknownOps: [], uncountedNodes: 0 })).toBe('');
  });

  it('lists the precision mix largest first, leaving out dtypes under 0.5 %', () => {
    const mix = [
      { dtype: 'FLOAT', params: 20, bytes: 80, share: 0.013 },
      { dtype: 'INT8', params: 1500, bytes: 1500, share: 0.984 },
      { dtype: 'INT32', params: 4, bytes: 16, share: 0.003 },
    ];
    expect(formatPrecisionMix({ precisionMix: mix })).toBe('INT8 98.4 %, FLOAT 1.3 %');
    expect(formatPrecisionMix({ precisionMix: [] })).toBe('no weights');
  });

  it('sizes in binary units', () => {
    expect(formatBytes(7385)).toBe('7.2 KiB');
    expect(formatBytes(11_654_107)).toBe('11.11 MiB');
  });
});

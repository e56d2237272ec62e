import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../store/result-store.js';
import { CSV_HEADER, toCsv } from './csv-export.js';

const row: AggregateRow = {
  scope: 'device',
  modelId: '=HYPERLINK("http://evil")',
  variant: 'int8, "fast"',
  runtime: 'ort',
  backend: 'wasm',
  deviceClass: 'phone',
  deviceId: '0123456789abcdef',
  deviceLabel: 'Pixel 7\n(Android)',
  n: 4,
  latencyMs: { n: 4, median: 12.5, p25: 11, p75: 14, low: null, high: null, methods: ['measured'] },
  energyJ: { n: 3, median: 0.04, p25: 0.03, p75: 0.05, low: 0.02, high: 0.06, methods: ['calibrated', 'modelled'] },
  carbonGCO2e: null,
  sciGCO2e: null,
};

describe('toCsv', () => {
  it('writes one header and one line per row, quoting separators and newlines', () => {
    const csv = toCsv([row]);
    const [header, ...rest] = csv.split('\r\n');
    expect(header).toBe(CSV_HEADER.join(','));
    expect(rest.join('\r\n')).toContain('"int8, ""fast"""');
    expect(rest.join('\r\n')).toContain('"Pixel 7\n(Android)"');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('defuses text a spreadsheet would execute as a formula', () => {
    const csv = toCsv([row]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('leaves absent estimates empty rather than zero', () => {
    const line = toCsv([row]).split('\r\n')[1]!;
    expect(line.endsWith(',,,,,,,,,,,,,')).toBe(true);
    expect(line).toContain('0.04,0.03,0.05,0.02,0.06,3,calibrated modelled');
  });
});

import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../store/result-store.js';
import { CSV_HEADER, defuseFormula, toCsv } from './csv-export.js';

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
  devices: 1,
  networks: 3,
  provisional: false,
  outlier: false,
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

  it('defuses triggers after leading whitespace or a line break, fullwidth triggers and triggers after a separator', () => {
    expect(defuseFormula(' =1+1')).toBe(" '=1+1");
    expect(defuseFormula('\n=1+1')).toBe("'\n'=1+1");
    expect(defuseFormula('\t@SUM(A1)')).toBe("'\t'@SUM(A1)");
    expect(defuseFormula('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(defuseFormula('\uFF0B1')).toBe("'\uFF0B1");
    expect(defuseFormula('\uFF0D1')).toBe("'\uFF0D1");
    expect(defuseFormula('\uFF20x')).toBe("'\uFF20x");
    expect(defuseFormula('a;=1+1')).toBe("a;'=1+1");
    expect(defuseFormula('a, -1')).toBe("a, '-1");
    expect(defuseFormula('a|+1')).toBe("a|'+1");
    // ordinary labels are left alone
    expect(defuseFormula('Galaxy S23 - Ultra')).toBe('Galaxy S23 - Ultra');
    expect(defuseFormula('mobilenet-v2')).toBe('mobilenet-v2');
    const csv = toCsv([{ ...row, modelId: 'a;=1+1', variant: ' =2' }]);
    expect(csv).toContain(`"a;'=1+1"," '=2"`);
  });

  it('leaves absent estimates empty rather than zero', () => {
    const line = toCsv([row]).split('\r\n')[1]!;
    expect(line.endsWith(',,,,,,,,,,,,,')).toBe(true);
    expect(line).toContain('0.04,0.03,0.05,0.02,0.06,3,calibrated modelled');
  });
});

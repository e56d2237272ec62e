import type { GraphAccounting } from './account-model.js';

export interface TableRow {
  variant: string;
  file: string;
  accounting: GraphAccounting;
  /** e.g. "cos 0.99998, rel 1.1e-2 ✓" when --check ran */
  fidelity?: string;
  /** "error: …" rows for variants that failed */
  error?: string;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mega = (n: number) => (n / 1e6).toFixed(n < 1e7 ? 3 : 1);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The accounting of each variant as a plain-text table (units in the header), one row per file. */
export function formatAccountingTable(rows: readonly TableRow[]): string {
  const withCheck = rows.some((r) => r.fidelity !== undefined);
  const header = ['variant', 'file', 'size', 'params', 'non-zero', 'sparsity', 'MMACs', 'MFLOPs', 'precision', ...(withCheck ? ['fidelity vs fp32'] : [])];
  const body = rows.map((r) => {
    if (r.error) return [r.variant, r.file, r.error];
    const a = r.accounting;
    const precision = a.precisionMix.filter((p) => p.share >= 0.005).map((p) => `${p.dtype} ${pct(p.share)}`).join(', ');
    return [
      r.variant, r.file, kib(a.bytes), a.params.toLocaleString('en-US'), a.nonZeroParams.toLocaleString('en-US'), pct(a.sparsity),
      mega(a.macs) + (a.complete ? '' : '+'), mega(a.flops) + (a.complete ? '' : '+'), precision, ...(withCheck ? [r.fidelity ?? '–'] : []),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row.length === 3 && i === 2 ? 0 : (row[i] ?? '').length))));
  const line = (cells: string[]) => (cells.length === 3 && cells !== header ? `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padEnd(widths[1]!)}  ${cells[2]}` : cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  const notes = rows.some((r) => !r.error && !r.accounting.complete) ? ['', '+ the count is incomplete (ops without a counting rule or unknown shapes); see forge-report.json'] : [];
  return [line(header), ...body.map(line), ...notes].join('\n');
}

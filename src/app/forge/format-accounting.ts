import type { GraphAccounting } from '../../forge/account-model.js';

/** File sizes in binary units, as file managers show them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 2 ** 20).toFixed(2)} MiB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** Millions, with the "incomplete" mark when the counter skipped ops or shapes. */
export function formatMega(n: number, a: Pick<GraphAccounting, 'complete'>): string {
  const m = n / 1e6;
  const text = m === 0 ? '0' : m < 0.01 ? m.toExponential(2) : m.toFixed(m < 10 ? 3 : 1);
  return a.complete ? text : `${text} (incomplete)`;
}

/** Why a count is incomplete, for the cell's tooltip. */
export function incompleteReason(a: Pick<GraphAccounting, 'complete' | 'unknownOps' | 'uncountedNodes'>): string {
  if (a.complete) return '';
  const parts = [];
  if (a.unknownOps.length > 0) parts.push(`no counting rule for ${a.unknownOps.join(', ')}`);
  if (a.uncountedNodes > 0) parts.push(`${a.uncountedNodes} node(s) with an unknown shape`);
  return `A lower bound: ${parts.join('; ')}.`;
}

/** e.g. "INT8 98.7 %, FLOAT 1.3 %": dtypes holding ≥ 0.5 % of the parameters. */
export function formatPrecisionMix(a: Pick<GraphAccounting, 'precisionMix'>): string {
  const shown = a.precisionMix.filter((p) => p.share >= 0.005).sort((x, y) => y.share - x.share);
  return shown.length === 0 ? 'no weights' : shown.map((p) => `${p.dtype} ${formatPercent(p.share)}`).join(', ');
}

export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

import type { Estimate } from '../core/estimate.js';

/** Latency with its unit, at a precision that fits its size. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(digits - 1);
  return x.toPrecision(digits);
}

/** Builds an element with text content only: nothing a user or a model file supplies is parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** An estimate is never shown without its unit, range and method. */
export function formatEstimate(e: { value: number; low: number; high: number; unit: string; method: string } | undefined): string {
  if (!e) return 'no estimate';
  return `${formatNumber(e.value)} ${e.unit} [${formatNumber(e.low)}–${formatNumber(e.high)}] ${e.method}`;
}

/** A figure's tooltip: how it was obtained, its range, why, and its sources; '' when there is no figure. */
export function estimateTooltip(e: Estimate | undefined): string {
  if (!e) return '';
  const lines = [`How obtained: ${e.method}`, `Range: ${formatNumber(e.low)} to ${formatNumber(e.high)} ${e.unit}`];
  for (const r of e.reasons) lines.push(`• ${r}`);
  for (const s of e.sources) lines.push(`Source: ${s.title ?? s.id}${s.url ? ` (${s.url})` : ''}`);
  return lines.join('\n');
}

const SI_PREFIXES: readonly [number, string][] = [
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
  [1e-12, 'p'],
];

/** The SI prefix that keeps 1–3 integer digits for a magnitude: 0.0021 → [1e-3, 'm']. */
export function siPrefix(magnitude: number): readonly [number, string] {
  return SI_PREFIXES.find(([s]) => magnitude >= s) ?? SI_PREFIXES[SI_PREFIXES.length - 1]!;
}

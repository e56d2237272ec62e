import type { Estimate } from '../../core/estimate.js';
import { el, estimateTooltip, formatNumber, siPrefix } from '../format.js';

const same = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

/** "0.0123 J (0.00800–0.0200, modelled)": value, unit, range and method, always together. */
export function formatEstimate(e: Estimate, digits = 3): string {
  const unit = e.unit === 'fraction' ? '' : e.unit === 'ratio' ? '×' : ` ${e.unit}`;
  if (e.unit === 'fraction') {
    const pct = (x: number) => `${formatNumber(x * 100, digits)} %`;
    return same(e.low, e.high) ? `${pct(e.value)} (${e.method})` : `${pct(e.value)} (${pct(e.low)}–${pct(e.high)}, ${e.method})`;
  }
  const v = `${formatNumber(e.value, digits)}${unit}`;
  if (same(e.low, e.high)) return `${v} (${e.method})`;
  return `${v} (${formatNumber(e.low, digits)}–${formatNumber(e.high, digits)}, ${e.method})`;
}

/** A figure as text with its tooltip; the method also goes to a data attribute for styling. */
export function figureEl(e: Estimate, digits = 3): HTMLSpanElement {
  return el('span', { class: `figure method-${e.method}`, title: estimateTooltip(e), 'data-method': e.method }, formatEstimate(e, digits));
}

/** A label and its figure as a definition-list row. */
export function figureRow(label: string, e: Estimate | null, missing = 'not available'): HTMLElement[] {
  return [el('dt', {}, label), el('dd', {}, e ? figureEl(e) : el('span', { class: 'empty' }, missing))];
}

export function figureList(rows: HTMLElement[][], attrs: Record<string, string> = {}): HTMLDListElement {
  return el('dl', { class: 'figures', ...attrs }, ...rows.flat());
}

/** A scenario input the person typed: exact for the purpose, method "assumed" until they confirm it elsewhere. */
export function userFigure(value: number, unit: string, reason: string): Estimate {
  return { value, low: value, high: value, unit, method: 'assumed', reasons: [reason], sources: [] };
}

/** A value with an SI prefix that keeps 1–3 integer digits: (0.0021, "J") → "2.1 mJ". */
export function formatPrefixed(v: number, unit: string): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return `0 ${unit}`;
  const a = Math.abs(v);
  const [scale, prefix] = siPrefix(a);
  return `${Number((v / scale).toPrecision(3))} ${prefix}${unit}`;
}

export const formatJoules = (j: number) => formatPrefixed(j, 'J');
export const formatGrams = (g: number) => formatPrefixed(g, 'g');

/** Counts with k / M / G: 41802 → "41.8 k". */
export function formatCount(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${Number((x / 1e9).toPrecision(3))} G`;
  if (a >= 1e6) return `${Number((x / 1e6).toPrecision(3))} M`;
  if (a >= 1e3) return `${Number((x / 1e3).toPrecision(3))} k`;
  return String(Number(x.toPrecision(3)));
}

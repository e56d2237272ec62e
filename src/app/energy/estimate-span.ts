import type { Estimate } from '../../core/estimate.js';
import { el, estimateTooltip, formatEstimate } from '../format.js';

/** A figure as text with unit, range and method; its reasons and sources in the tooltip. */
export function estimateSpan(e: Estimate, attrs: Record<string, string> = {}): HTMLSpanElement {
  return el('span', { class: `figure method-${e.method}`, 'data-estimate-text': '', title: estimateTooltip(e), ...attrs }, formatEstimate(e));
}

/** A definition list of labelled figures. */
export function figureList(items: readonly { label: string; estimate?: Estimate; text?: string }[], attrs: Record<string, string> = {}): HTMLDListElement {
  const dl = el('dl', { class: 'figures', ...attrs });
  for (const i of items) dl.append(el('dt', {}, i.label), el('dd', {}, i.estimate ? estimateSpan(i.estimate) : (i.text ?? '—')));
  return dl;
}

import type { AccountOutcome, VariantOutcome } from '../../client/forge-protocol.js';
import type { GraphAccounting } from '../../forge/account-model.js';
import type { NodeNote } from '../../forge/forge-types.js';
import { el } from '../format.js';
import { formatBytes, formatCount, formatMega, formatPercent, formatPrecisionMix, formatSeconds, incompleteReason } from './format-accounting.js';

const HEADERS = ['Variant', 'State', 'File size', 'Params', 'Non-zero params', 'Sparsity', 'MMACs / inference', 'MFLOPs / inference', 'Precision mix (share of params)', 'sha256', 'Forge time (measured)', 'What the forge did'];

function accountingCells(a: GraphAccounting): HTMLTableCellElement[] {
  const why = incompleteReason(a);
  const num = (text: string, field: string, title = '') => el('td', { class: 'num', 'data-field': field, ...(title ? { title } : {}) }, text);
  return [
    el('td', { class: 'num', 'data-field': 'bytes', 'data-bytes': String(a.bytes) }, formatBytes(a.bytes)),
    num(formatCount(a.params), 'params'),
    num(formatCount(a.nonZeroParams), 'non-zero'),
    num(formatPercent(a.sparsity), 'sparsity'),
    num(formatMega(a.macs, a), 'mmacs', why),
    num(formatMega(a.flops, a), 'mflops', why || a.flopsMethod),
    el('td', { 'data-field': 'precision' }, formatPrecisionMix(a)),
    el('td', { 'data-field': 'sha256', title: a.sha256 }, el('code', {}, a.sha256.slice(0, 12))),
  ];
}

function notesCell(changes: readonly string[], skipped: readonly NodeNote[], extra: readonly string[]): HTMLTableCellElement {
  const td = el('td', { class: 'forge-notes' });
  if (changes.length === 0 && skipped.length === 0 && extra.length === 0) return td;
  const list = el('ul', {}, ...changes.map((c) => el('li', {}, c)), ...extra.map((c) => el('li', {}, c)));
  td.append(list);
  if (skipped.length > 0) {
    const details = el('details', {}, el('summary', {}, `${skipped.length} node(s) left as they were`));
    details.append(el('ul', {}, ...skipped.map((s) => el('li', {}, `${s.node} (${s.op}): ${s.reason}`))));
    td.append(details);
  }
  return td;
}

function baseRow(fileName: string, base: AccountOutcome): HTMLTableRowElement {
  const tr = el('tr', { 'data-variant': 'fp32', 'data-state': base.state });
  tr.append(el('th', { scope: 'row' }, `fp32 (${fileName})`));
  if (base.state === 'errored') {
    tr.append(el('td', {}, 'errored'), el('td', { colspan: String(HEADERS.length - 2), class: 'message' }, `${base.error.message}${base.error.hint ? ` — what to do: ${base.error.hint}` : ''}`));
    return tr;
  }
  tr.append(el('td', {}, 'your model'), ...accountingCells(base.accounting), el('td', { class: 'num', 'data-field': 'forge-ms', 'data-ms': String(base.ms) }, formatSeconds(base.ms)), notesCell([], [], base.accounting.notes));
  return tr;
}

function variantRow(v: VariantOutcome): HTMLTableRowElement {
  const tr = el('tr', { 'data-variant': v.variant, 'data-state': v.state, class: `state-${v.state}` });
  tr.append(el('th', { scope: 'row' }, v.variant));
  if (v.state === 'errored') {
    const msg = `${v.error.message}${v.error.hint ? ` — what to do: ${v.error.hint}` : ''}`;
    tr.append(el('td', {}, 'errored'), el('td', { colspan: String(HEADERS.length - 3), class: 'message' }, msg), el('td', { class: 'num' }, formatSeconds(v.ms)));
    return tr;
  }
  const extra = v.runner ? [`calibrated on ${v.runner}`] : [];
  tr.append(el('td', {}, 'made'), ...accountingCells(v.accounting), el('td', { class: 'num', 'data-field': 'forge-ms', 'data-ms': String(v.ms) }, formatSeconds(v.ms)), notesCell(v.changes, v.skipped, extra));
  return tr;
}

/** The base model and each variant with its accounting, one row each; failures are rows that say what to do. */
export function renderVariantTable(container: HTMLElement, fileName: string, base: AccountOutcome, variants: readonly VariantOutcome[]): void {
  const head = el('tr', {}, ...HEADERS.map((h) => el('th', { scope: 'col' }, h)));
  const caption = el('caption', {}, 'What the forge made, counted over each ONNX graph (parameters, compute per inference after shape inference, stored precision)');
  const table = el('table', { id: 'forge-table' }, caption, el('thead', {}, head), el('tbody', {}, baseRow(fileName, base), ...variants.map(variantRow)));
  container.replaceChildren(el('div', { class: 'table-wrap' }, table));
}

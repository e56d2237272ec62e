import type { CompletedResult, ResultRecord } from '../core/result-schema.js';
import { SYNTHETIC_INPUTS_CAVEAT, SYNTHETIC_INPUTS_SHORT } from '../core/inputs/input-source.js';
import { describeNonFinite, nonFiniteTotal } from '../core/non-finite.js';
import { backendAgreementLabel } from './backend-agreement-label.js';
import { el, estimateTooltip, formatEstimate, formatMs, formatNumber } from './format.js';
import { openCellDetail } from './views/cell-detail.js';
import { ESTIMATE_LABELS } from '../estimates/estimate-labels.js';

/** Estimate columns: key in record.estimates, in HEADERS order. */
const ESTIMATE_COLUMNS = ['energyAttributableJ', 'energyBusyJ', 'carbonOperationalG', 'sciWallClockG'] as const;

const HEADERS = [
  'Model', 'Runtime', 'Requested', 'Effective', 'State', 'Threads', 'Fetch', 'Load', 'First run',
  'Median', '95 % CI of median', 'p10', 'p90', 'p99', 'MAD', 'n', 'Unstable',
  'Fidelity: max abs err', 'cosine',
  ...ESTIMATE_COLUMNS.map((k) => ESTIMATE_LABELS[k]),
  'Notes',
];

function estimateCell(r: CompletedResult, key: (typeof ESTIMATE_COLUMNS)[number]): HTMLTableCellElement {
  const e = r.estimates?.[key];
  const td = el('td', { class: 'num estimate', 'data-estimate': key, title: estimateTooltip(e) || 'No estimate: see Notes' }, formatEstimate(e));
  return td;
}

function num(text: string): HTMLTableCellElement {
  return el('td', { class: 'num' }, text);
}

/** The fidelity cosine; for a not-judged variant, followed by whether the same model agrees on the reference backend. */
function fidelityCosineCell(r: CompletedResult): HTMLTableCellElement {
  const f = r.fidelity;
  const td = num(f.state === 'compared' ? `${f.cosineSimilarity.toFixed(6)}${f.judged === false ? ' (not judged)' : f.pass ? '' : ' ✗'}` : f.reason);
  const nonFinite = r.nonFiniteOutputs ?? (f.state === 'compared' ? f.nonFinite : undefined);
  if (nonFinite && nonFiniteTotal(nonFinite) > 0) {
    const kinds = [nonFinite.nan > 0 ? 'NaN' : '', nonFinite.posInf + nonFinite.negInf > 0 ? 'Inf' : ''].filter(Boolean).join('/');
    td.append(' · ', el('span', { class: 'non-finite', 'data-non-finite': String(nonFiniteTotal(nonFinite)), title: describeNonFinite(nonFinite) }, `✗ ${kinds} outputs`));
  }
  if (!r.backendAgreement) return td;
  const label = backendAgreementLabel(r.backendAgreement);
  td.append(' · ', el('span', { class: `backend-agreement ${label.status}`, 'data-backend-agreement': label.status, title: label.title }, label.text));
  return td;
}

function row(r: ResultRecord): HTMLTableRowElement {
  const tr = el('tr', { class: `state-${r.state}`, 'data-cell': `${r.cell.modelId}/${r.cell.runtime}/${r.cell.backend}`, 'data-variant': r.cell.variant, 'data-state': r.state });
  tr.append(el('td', {}, r.cell.modelName), el('td', {}, r.cell.runtime), el('td', {}, r.cell.backend));
  if (r.state !== 'completed') {
    tr.append(el('td', {}, '—'), el('td', {}, r.state));
    const message = r.state === 'errored' ? `${r.error.message}${r.error.hint ? ` — what to do: ${r.error.hint}` : ''}` : `${r.reason}${r.hint ? ` — what to do: ${r.hint}` : ''}`;
    const notes = el('td', { colspan: String(HEADERS.length - 5), class: 'message' }, message);
    tr.append(notes);
    return tr;
  }
  // the model name is a button (keyboard and screen readers); a click anywhere on the row does the same
  const open = el('button', { type: 'button', class: 'row-open', 'aria-haspopup': 'dialog', title: 'Open this cell’s energy and carbon detail' }, r.cell.modelName);
  tr.firstElementChild?.replaceChildren(open);
  tr.classList.add('openable');
  tr.addEventListener('click', () => openCellDetail(r));
  const s = r.phases.steady.stats;
  const effective = el('td', r.effectiveBackend === r.cell.backend ? {} : { class: 'fallback' }, r.effectiveBackend);
  const f = r.fidelity;
  tr.append(
    effective,
    el('td', {}, r.state),
    num(String(r.threads)),
    num(r.phases.fetchMs === null ? 'local file' : formatMs(r.phases.fetchMs)),
    num(formatMs(r.phases.loadMs)),
    num(formatMs(r.phases.firstRunMs)),
    num(formatMs(s.medianMs)),
    num(`${formatMs(s.ciLowMs)} – ${formatMs(s.ciHighMs)}`),
    num(formatMs(s.p10Ms)),
    num(formatMs(s.p90Ms)),
    num(formatMs(s.p99Ms)),
    num(formatMs(s.madMs)),
    num(String(s.n)),
    el('td', {}, s.unstable ? 'yes' : 'no'),
    num(f.state === 'compared' ? formatNumber(f.maxAbsError) : '—'),
    fidelityCosineCell(r),
    ...ESTIMATE_COLUMNS.map((k) => estimateCell(r, k)),
    el('td', {}, [...r.warnings.map((w) => (w === SYNTHETIC_INPUTS_CAVEAT ? SYNTHETIC_INPUTS_SHORT : w)), ...(r.estimation?.notes ?? []), r.phases.steady.runsPerSample > 1 ? `timed in batches of ${r.phases.steady.runsPerSample} runs` : ''].filter(Boolean).join(' · ')),
  );
  return tr;
}

export function renderResultsTable(container: HTMLElement, records: readonly ResultRecord[]): void {
  if (records.length === 0) {
    container.replaceChildren(el('p', { class: 'empty' }, 'No results yet: pick cells and press Run.'));
    return;
  }
  const head = el('tr', {}, ...HEADERS.map((h) => el('th', { scope: 'col' }, h)));
  const table = el('table', { id: 'results-grid' }, el('caption', {}, 'Latency per inference (steady state after warm-up, outputs read back to the CPU), measured in this browser'), el('thead', {}, head), el('tbody', {}, ...records.map(row)));
  container.replaceChildren(el('div', { class: 'table-wrap' }, table));
}

import { guessLocationFromTimeZone } from '../../carbon/location.js';
import { cellKey } from '../../core/cell.js';
import type { Estimate } from '../../core/estimate.js';
import type { CompletedResult } from '../../core/result-schema.js';
import { ESTIMATE_KEYS, type EstimateKey } from '../../estimates/estimate-cell.js';
import { currentIntensity } from '../energy/intensity-state.js';
import { loadEstimationSettings } from '../estimation-settings-store.js';
import { el, formatMs, formatNumber } from '../format.js';
import { renderHourTable } from './cell-detail-hours.js';
import { renderRegionTable } from './cell-detail-regions.js';

const LABELS: Record<EstimateKey, string> = {
  powerAttributableW: 'Attributable power while inferring',
  energyAttributableJ: 'Energy per inference — attributable (above idle)',
  energyBusyJ: 'Energy per inference — total while busy',
  gridIntensityGPerKWh: 'Grid carbon intensity',
  carbonOperationalG: 'Operational carbon per inference (attributable energy)',
  carbonOperationalBusyG: 'Operational carbon per inference (total while busy)',
  embodiedWallClockG: 'Embodied carbon per inference — over the device’s wall-clock life',
  embodiedActiveUseG: 'Embodied carbon per inference — over its active-use hours',
  sciWallClockG: 'SCI per inference (wall-clock embodied)',
  sciActiveUseG: 'SCI per inference (active-use embodied)',
};

let dialog: HTMLDialogElement | null = null;

function ensureDialog(): HTMLDialogElement {
  if (dialog?.isConnected) return dialog;
  dialog = el('dialog', { id: 'cell-detail', 'aria-labelledby': 'cell-detail-title', class: 'cell-detail' });
  document.body.append(dialog);
  return dialog;
}

function estimateRow(key: EstimateKey, e: Estimate | undefined, missing: string): HTMLTableRowElement {
  const th = el('th', { scope: 'row' }, LABELS[key]);
  if (!e) return el('tr', { 'data-missing': key }, th, el('td', { colspan: '7', class: 'empty' }, `not computed: ${missing}`));
  const list = (items: string[]) => (items.length ? el('ul', {}, ...items.map((i) => el('li', {}, i))) : '—');
  return el(
    'tr',
    { 'data-estimate': key },
    th,
    el('td', { class: 'num', 'data-part': 'value' }, formatNumber(e.value)),
    el('td', { class: 'num', 'data-part': 'low' }, formatNumber(e.low)),
    el('td', { class: 'num', 'data-part': 'high' }, formatNumber(e.high)),
    el('td', { 'data-part': 'unit' }, e.unit),
    el('td', { 'data-part': 'method' }, e.method),
    el('td', { 'data-part': 'reasons' }, list(e.reasons)),
    el('td', { 'data-part': 'sources' }, list(e.sources.map((s) => `${s.title ?? s.id}${s.url ? ` — ${s.url}` : ''}`))),
  );
}

function basis(r: CompletedResult): HTMLElement {
  const est = r.estimation;
  if (!est) return el('p', { class: 'empty' }, 'This record has no estimation basis (it was measured before estimates existed, or the estimate failed: see its notes).');
  const i = est.intensity;
  return el(
    'dl',
    { class: 'figures', id: 'cell-detail-basis' },
    el('dt', {}, 'Device profile'),
    el('dd', {}, `${est.profile.label} (${est.profile.id}) — confidence “${est.profile.confidence}”, class ${est.profile.deviceClass}`, el('ul', {}, ...est.profile.reasons.map((x) => el('li', {}, x)))),
    el('dt', {}, 'Grid intensity source'),
    el('dd', { 'data-intensity-source': i.sourceId, 'data-intensity-state': i.state }, `${i.sourceId} — ${i.state}${i.reason ? `: ${i.reason}` : ''}`),
    el('dt', {}, 'Data versions'),
    el('dd', {}, Object.entries(est.dataVersions).map(([k, v]) => `${k}: ${v}`).join(' · ')),
    el('dt', {}, 'Notes'),
    el('dd', {}, est.notes.length ? el('ul', {}, ...est.notes.map((n) => el('li', {}, n))) : 'none'),
  );
}

/**
 * Everything behind one cell's figures: every estimate with its range, unit, method, reasons and
 * sources; the profile, intensity source and data versions; and how the same inference's carbon
 * differs by grid and by hour. A modal dialog: Escape or Close returns focus to the row.
 */
export function openCellDetail(r: CompletedResult): void {
  const d = ensureDialog();
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const close = el('button', { type: 'button', id: 'cell-detail-close', class: 'small' }, 'Close');
  close.addEventListener('click', () => d.close());
  const s = r.phases.steady.stats;
  const notes = [...(r.estimation?.notes ?? []), ...r.warnings.filter((w) => /estimate/i.test(w))];
  const missing = notes.find((n) => /not computed|No energy\/carbon/.test(n)) ?? 'see the notes below';
  const head = el('tr', {}, ...['Figure', 'Value', 'Low', 'High', 'Unit', 'Method', 'Reasons', 'Sources'].map((h) => el('th', { scope: 'col' }, h)));
  const regions = el('div', { id: 'cell-detail-region' }, el('p', { class: 'empty' }, 'Computing…'));
  const hours = el('div', { id: 'cell-detail-hours' }, el('p', { class: 'empty' }, 'Looking for a live series…'));
  d.replaceChildren(
    el('div', { class: 'dialog-head' }, el('h2', { id: 'cell-detail-title' }, `${r.cell.modelName} · ${r.cell.variant} · ${r.cell.runtime}/${r.cell.backend}`), close),
    el('p', {}, `Effective backend ${r.effectiveBackend}${r.effectiveBackend === r.cell.backend ? '' : ' (not the one requested)'}, ${r.threads} thread(s); median latency ${formatMs(s.medianMs)} (95 % CI ${formatMs(s.ciLowMs)}–${formatMs(s.ciHighMs)}, n = ${s.n}).`),
    el('h3', {}, 'Estimates'),
    el('div', { class: 'table-wrap' }, el('table', { id: 'cell-detail-estimates', class: 'data-table' }, el('thead', {}, head), el('tbody', {}, ...ESTIMATE_KEYS.map((k) => estimateRow(k, r.estimates?.[k], missing))))),
    el('h3', {}, 'What they rest on'),
    basis(r),
    el('h3', {}, 'Same inference, different grid'),
    regions,
    el('h3', {}, 'Same inference, different hour'),
    hours,
  );
  d.dataset.cell = cellKey(r.cell);
  d.addEventListener('close', () => opener?.focus(), { once: true });
  if (!d.open) d.showModal();
  close.focus();

  const energy = r.estimates?.energyAttributableJ;
  if (!energy) {
    const none = el('p', { class: 'empty' }, 'No energy estimate for this cell, so no carbon comparison.');
    regions.replaceChildren(none);
    hours.replaceChildren(none.cloneNode(true));
    return;
  }
  const settings = loadEstimationSettings();
  const country = (settings.location ?? guessLocationFromTimeZone()).country;
  void renderRegionTable(regions, energy, country).catch((err: unknown) => regions.replaceChildren(el('p', { class: 'error' }, `Could not compare grids: ${err instanceof Error ? err.message : String(err)}`)));
  void currentIntensity(settings)
    .then((i) => renderHourTable(hours, energy, i, r.estimation?.intensity.sourceId))
    .catch((err: unknown) => hours.replaceChildren(el('p', { class: 'error' }, `Could not read the intensity series: ${err instanceof Error ? err.message : String(err)}`)));
}

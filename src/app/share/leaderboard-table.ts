import { el } from '../format.js';
import { LEADERBOARD_PAGES, type AggregateRowView, type SortMetric } from './leaderboard-client.js';
import { aggregateText, METRIC_LABEL } from './quantity-text.js';

const ROW_FIELD = { latency: 'latencyMs', energy: 'energyJ', carbon: 'carbonGCO2e', sci: 'sciGCO2e' } as const;
/** measured first, then the estimates in the order they build on each other */
const COLUMNS: readonly SortMetric[] = ['latency', 'energy', 'carbon', 'sci'];

export const modelPageUrl = (modelId: string) => `${LEADERBOARD_PAGES}/models/${encodeURIComponent(modelId)}`;
export const devicePageUrl = (deviceId: string) => `${LEADERBOARD_PAGES}/devices/${encodeURIComponent(deviceId)}`;

function figureCell(row: AggregateRowView, metric: SortMetric): HTMLTableCellElement {
  const { main, detail } = aggregateText(row[ROW_FIELD[metric]], metric);
  return el('td', { class: 'num', 'data-metric': metric }, main, el('br'), el('small', {}, detail));
}

/** The public rows, text only (submitters wrote the labels). */
export function leaderboardTable(rows: readonly AggregateRowView[], sort: SortMetric, caption: string): HTMLElement {
  const head = el(
    'tr',
    {},
    ...['Model', 'Variant', 'Runtime', 'Backend (effective)', 'Device', 'n'].map((h) => el('th', { scope: 'col' }, h)),
    ...COLUMNS.map((m) => el('th', { scope: 'col', ...(m === sort ? { 'aria-sort': 'ascending' } : {}) }, METRIC_LABEL[m], el('br'), el('small', {}, m === 'latency' ? 'median, IQR, measured' : 'median, IQR, method'))),
  );
  const body = rows.map((r) =>
    el(
      'tr',
      { 'data-cell': `${r.modelId}/${r.variant}/${r.runtime}/${r.backend}`, 'data-n': String(r.n) },
      el('td', {}, el('a', { href: modelPageUrl(r.modelId) }, r.modelId)),
      el('td', {}, r.variant),
      el('td', {}, r.runtime),
      el('td', {}, r.backend),
      el('td', {}, r.deviceId ? el('a', { href: devicePageUrl(r.deviceId) }, r.deviceLabel) : `all ${r.deviceLabel}s`),
      el('td', { class: 'num' }, String(r.n)),
      ...COLUMNS.map((m) => figureCell(r, m)),
    ),
  );
  return el('div', { class: 'table-wrap' }, el('table', { id: 'leaderboard-table' }, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...body)));
}

import { el } from '../format.js';
import type { SortMetric } from './leaderboard-client.js';
import type { Standing } from './device-standing.js';
import { formatQuantity, METRIC_LABEL, METRIC_UNIT } from './quantity-text.js';

const BETTER: Readonly<Record<SortMetric, string>> = { latency: 'faster than', energy: 'uses less energy than', carbon: 'emits less than', sci: 'emits less than' };

/** One sentence per cell: where this device's own figure falls among the public rows. */
export function positionText(s: Standing, metric: SortMetric): string {
  if (!s.mine) return metric === 'latency' ? 'no own figure' : 'no own estimate for this figure (run it with estimates on)';
  if (s.publicRows === 0) return 'no public rows of this cell to compare with yet';
  const ties = s.publicRows - s.beats - s.beatenBy;
  const tieText = ties > 0 ? `, level with ${ties}` : '';
  const f = (v: number | null) => (v === null ? '—' : formatQuantity(v, METRIC_UNIT[metric]));
  return `${BETTER[metric]} ${s.beats} of ${s.publicRows} public row${s.publicRows === 1 ? '' : 's'}${tieText} (public range ${f(s.best)}–${f(s.worst)})`;
}

export function standingTable(standings: readonly Standing[], metric: SortMetric, sharedCount: number): HTMLElement {
  if (standings.length === 0) {
    return el('p', { class: 'empty' }, 'This browser holds no completed results yet: run a profile, then see how this device compares.');
  }
  const unit = METRIC_UNIT[metric];
  const head = el('tr', {}, ...['Cell (model / variant / runtime / effective backend)', `This device: ${METRIC_LABEL[metric]}`, 'Where it stands'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = standings.map((s) =>
    el(
      'tr',
      { 'data-cell': `${s.modelId}/${s.variant}/${s.runtime}/${s.backend}` },
      el('td', {}, `${s.modelId} / ${s.variant} / ${s.runtime} / ${s.backend}`),
      el('td', { class: 'num' }, s.mine ? formatQuantity(s.mine.value, unit) : '—', el('br'), el('small', {}, s.mine ? `median of ${s.mine.n} own result${s.mine.n === 1 ? '' : 's'}, ${s.mine.methods.join(', ')}` : '')),
      el('td', {}, positionText(s, metric)),
    ),
  );
  const note =
    sharedCount > 0
      ? ` The public rows include the ${sharedCount} result${sharedCount === 1 ? '' : 's'} this browser shared, so this device may be compared with itself.`
      : '';
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { id: 'standing-table' },
      el('caption', {}, `This browser's own results (from History) against the public rows shown above, by ${METRIC_LABEL[metric].toLowerCase()}; lower is better.${note}`),
      el('thead', {}, head),
      el('tbody', {}, ...rows),
    ),
  );
}

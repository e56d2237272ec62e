import type { QueuedUpload } from '../../client/upload-queue.js';
import type { CompletedResult } from '../../core/result-schema.js';
import { el, formatMs } from '../format.js';
import { ownValue } from './device-standing.js';
import { formatQuantity } from './quantity-text.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function sharedText(u: QueuedUpload | undefined): string {
  if (!u) return 'not shared';
  return u.state === 'acked' ? 'shared (acknowledged)' : 'queued for upload';
}

/**
 * The completed results with a checkbox each. A result already shared or queued cannot be picked
 * again: the server counts every result once and refuses a repeat.
 */
export function sharePicker(
  records: readonly CompletedResult[],
  shared: ReadonlyMap<string, QueuedUpload>,
  selected: Set<string>,
  onToggle: () => void,
): HTMLElement {
  if (records.length === 0) {
    return el('p', { class: 'empty' }, 'No completed results yet: run a profile first. Errored and skipped cells are never shared.');
  }
  const head = el('tr', {}, ...['Share', 'Date', 'Model', 'Variant', 'Runtime / effective backend', 'Median latency (measured)', 'Energy per inference', 'Status'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = records.map((r) => {
    const upload = shared.get(r.id);
    const box = el('input', { type: 'checkbox', id: `share-pick-${r.id}`, 'data-record': r.id, 'aria-label': `Share ${r.cell.modelId} ${r.cell.variant} ${r.cell.runtime}/${r.effectiveBackend} from ${r.createdAt}` });
    box.checked = selected.has(r.id) && !upload;
    box.disabled = upload !== undefined;
    box.addEventListener('change', () => {
      if (box.checked) selected.add(r.id);
      else selected.delete(r.id);
      onToggle();
    });
    const energy = ownValue(r, 'energy');
    const when = new Date(r.createdAt);
    return el(
      'tr',
      { 'data-record': r.id },
      el('td', {}, box),
      el('td', {}, el('time', { datetime: r.createdAt }, Number.isNaN(when.getTime()) ? r.createdAt : dateFormat.format(when))),
      el('td', {}, r.cell.modelId),
      el('td', {}, r.cell.variant),
      el('td', {}, `${r.cell.runtime} / ${r.effectiveBackend}${r.effectiveBackend !== r.cell.backend ? ` (asked for ${r.cell.backend})` : ''}`),
      el('td', { class: 'num' }, formatMs(r.phases.steady.stats.medianMs)),
      el('td', { class: 'num' }, energy ? `${formatQuantity(energy.value, 'J')} ${energy.method}` : 'not estimated'),
      el('td', {}, sharedText(upload)),
    );
  });
  return el('div', { class: 'table-wrap' }, el('table', { id: 'share-picker' }, el('caption', {}, 'Completed results in this browser, newest first.'), el('thead', {}, head), el('tbody', {}, ...rows)));
}

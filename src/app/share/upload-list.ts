import { el } from '../format.js';
import type { OutboxSnapshot, UploadOutbox } from './upload-outbox.js';
import { describeUpload } from './upload-status.js';

const STATUS_TEXT = { waiting: 'waiting', sending: 'sending', acknowledged: 'acknowledged', rejected: 'rejected' } as const;

/** Every queued upload with its status, newest first; waiting ones can be retried now or cancelled, refused ones removed. */
export function uploadList(outbox: UploadOutbox, snap: OutboxSnapshot, nowMs: number): HTMLElement {
  if (snap.items.length === 0) return el('p', { class: 'empty' }, 'Nothing shared from this browser yet.');
  const items = [...snap.items].sort((a, b) => b.enqueuedAtMs - a.enqueuedAtMs);
  return el(
    'ul',
    { class: 'upload-list' },
    ...items.map((item) => {
      const { status, detail } = describeUpload(item, snap.sending, nowMs);
      const actions: HTMLButtonElement[] = [];
      if (status === 'waiting') {
        const retry = el('button', { type: 'button', class: 'small' }, 'Try now');
        retry.addEventListener('click', () => void outbox.queue.flush(true));
        const cancel = el('button', { type: 'button', class: 'small' }, 'Cancel upload');
        cancel.addEventListener('click', () => void outbox.queue.forget(item.submissionId));
        actions.push(retry, cancel);
      } else if (status === 'rejected') {
        // acknowledged uploads stay listed: they are how this browser knows a result is already shared
        const remove = el('button', { type: 'button', class: 'small' }, 'Remove from list');
        remove.addEventListener('click', () => void outbox.queue.forget(item.submissionId));
        actions.push(remove);
      }
      return el(
        'li',
        { 'data-submission': item.submissionId, 'data-status': status },
        el('span', { class: `tag upload-${status}` }, STATUS_TEXT[status]),
        ' ',
        el('span', { class: 'upload-detail' }, detail),
        ' ',
        el('small', {}, `id ${item.submissionId}`),
        ...actions.flatMap((a) => [' ', a]),
      );
    }),
  );
}

import type { QueuedUpload } from '../../client/upload-queue.js';

export type UploadStatus = 'waiting' | 'sending' | 'acknowledged' | 'rejected';

export interface UploadStatusView {
  status: UploadStatus;
  /** one line for the person: what happened and what happens next */
  detail: string;
}

/** How the Share view words one queued upload. `nowMs` only shapes "next try in …". */
export function describeUpload(item: QueuedUpload, sending: ReadonlySet<string>, nowMs: number): UploadStatusView {
  const results = `${item.bundle.results.length} result${item.bundle.results.length === 1 ? '' : 's'}`;
  if (item.state === 'acked') {
    const stored = item.ack ? `; the server holds it since ${item.ack.receivedAt}` : '';
    return { status: 'acknowledged', detail: `${results} acknowledged${stored}. It counts once on the leaderboard.` };
  }
  if (item.state === 'rejected') {
    return {
      status: 'rejected',
      detail: `${results} refused by the server: ${item.lastError ?? 'no reason given'}. Sending it again cannot help; remove it from this list.`,
    };
  }
  if (sending.has(item.submissionId)) {
    return { status: 'sending', detail: `${results}, sending now (attempt ${item.attempts + 1}).` };
  }
  if (item.attempts === 0) return { status: 'waiting', detail: `${results}, stored in this browser; sending shortly.` };
  const waitS = Math.max(0, Math.ceil((item.nextAttemptAtMs - nowMs) / 1000));
  return {
    status: 'waiting',
    detail: `${results}, not sent yet (${item.attempts} attempt${item.attempts === 1 ? '' : 's'}; last: ${item.lastError ?? 'unknown'}). Next try ${waitS > 0 ? `in about ${formatWait(waitS)}` : 'now'}, or when this device is back online; it is kept across reloads.`,
  };
}

function formatWait(s: number): string {
  if (s < 90) return `${s} s`;
  return `${Math.round(s / 60)} min`;
}

import { describe, expect, it } from 'vitest';
import type { QueuedUpload } from '../../client/upload-queue.js';
import { makeBundle } from '../../server/leaderboard/test-fixtures.js';
import { describeUpload } from './upload-status.js';

const item = (o: Partial<QueuedUpload> = {}): QueuedUpload => {
  const bundle = makeBundle();
  return { submissionId: bundle.submissionId, bundle, state: 'pending', enqueuedAtMs: 0, attempts: 0, nextAttemptAtMs: 0, ...o };
};

describe('describeUpload', () => {
  it('says waiting with the last failure and when the next try is, while offline or the server is down', () => {
    const v = describeUpload(item({ attempts: 3, lastError: 'offline or the server is unreachable', nextAttemptAtMs: 12_000 }), new Set(), 0);
    expect(v.status).toBe('waiting');
    expect(v.detail).toContain('3 attempts');
    expect(v.detail).toContain('offline or the server is unreachable');
    expect(v.detail).toContain('in about 12 s');
  });

  it('says sending while its request is in flight', () => {
    const i = item({ attempts: 1 });
    expect(describeUpload(i, new Set([i.submissionId]), 0)).toMatchObject({ status: 'sending', detail: expect.stringContaining('attempt 2') });
  });

  it('says acknowledged with the server time, and rejected with the server message', () => {
    const acked = item({ state: 'acked', attempts: 2, ack: { submissionId: 'x', receivedAt: '2026-02-01T10:00:00.000Z', results: 1 } });
    expect(describeUpload(acked, new Set(), 0)).toMatchObject({ status: 'acknowledged', detail: expect.stringContaining('2026-02-01T10:00:00.000Z') });
    const rejected = item({ state: 'rejected', attempts: 1, lastError: 'result record abc was already submitted' });
    expect(describeUpload(rejected, new Set(), 0)).toMatchObject({ status: 'rejected', detail: expect.stringContaining('result record abc was already submitted') });
  });
});

import { submissionAckSchema, type SubmissionBundle } from '../core/submission-schema.js';
import type { SendOutcome, UploadTransport } from './upload-queue.js';

export interface FetchTransportOptions {
  /** the mounted submit endpoint */
  endpoint?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

export const DEFAULT_SUBMIT_ENDPOINT = '/api/leaderboard/submissions';

/** Sends a bundle with fetch and sorts the answer into acked / retry later / rejected for good. */
export function createFetchTransport(options: FetchTransportOptions = {}): UploadTransport {
  const endpoint = options.endpoint ?? DEFAULT_SUBMIT_ENDPOINT;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    async send(bundle: SubmissionBundle): Promise<SendOutcome> {
      let res: Response;
      try {
        res = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(bundle),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const why = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : 'offline or the server is unreachable';
        return { kind: 'retry', reason: why };
      }
      const body = await res.json().catch(() => null);
      if (res.status === 200 || res.status === 201) {
        const ack = submissionAckSchema.safeParse(body);
        // an answer that is not our ack (a captive portal, a proxy page) proves nothing was stored
        if (ack.success && ack.data.submissionId === bundle.submissionId) return { kind: 'acked', ack: ack.data };
        return { kind: 'retry', reason: `unexpected answer from ${endpoint} (HTTP ${res.status})`, serverFault: true };
      }
      const message = errorOf(body) ?? `HTTP ${res.status}`;
      // 408 and 429 say "not now" about the client: retried, never given up on
      if (res.status === 408 || res.status === 429) {
        return { kind: 'retry', reason: message, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
      }
      // a 5xx is the server failing: retried with back-off, a bounded number of times (upload-queue.ts)
      if (res.status >= 500) {
        return { kind: 'retry', reason: message, retryAfterMs: retryAfterMs(res.headers.get('retry-after')), serverFault: true };
      }
      // any other 4xx refuses this content: final, and the server's reason is kept for the user
      return { kind: 'rejected', reason: message };
    },
  };
}

function errorOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { error, details } = body as { error?: unknown; details?: unknown };
  if (typeof error !== 'string') return undefined;
  return Array.isArray(details) && details.length > 0 ? `${error} ${details.join('; ')}` : error;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

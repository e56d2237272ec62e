export type FetchLike = (input: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  json(): Promise<unknown>;
}>;

export type FetchJsonResult = { state: 'ok'; json: unknown } | { state: 'failed'; reason: string };

/** GET a JSON document with a timeout; every failure becomes a reason, never a throw. */
export async function fetchJson(url: string, opts: { fetch?: FetchLike; timeoutMs: number }): Promise<FetchJsonResult> {
  const doFetch = opts.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
  if (!doFetch) return { state: 'failed', reason: 'no fetch() in this environment' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    const res = await doFetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!res.ok) return { state: 'failed', reason: `HTTP ${res.status} ${res.statusText} from ${url}` };
    try {
      return { state: 'ok', json: await res.json() };
    } catch (err) {
      if (controller.signal.aborted) return { state: 'failed', reason: `no answer within ${opts.timeoutMs} ms from ${url}` };
      return { state: 'failed', reason: `malformed response from ${url}: not JSON (${err instanceof Error ? err.message : String(err)})` };
    }
  } catch (err) {
    if (controller.signal.aborted) return { state: 'failed', reason: `no answer within ${opts.timeoutMs} ms from ${url}` };
    return { state: 'failed', reason: `request to ${url} failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

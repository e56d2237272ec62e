import type { Context } from 'hono';
import type { AggregateRow } from '../store/result-store.js';

/**
 * The UTF-8 JSON of one ranking result, made once. The ranking cache (cached-store.ts) hands the
 * same `rows` array to every reader within its TTL, so keying on the array reuses the bytes for
 * exactly as long as the cache keeps the ranking, with no expiry rule of its own. Profiled on a
 * cache hit of a 100-row page (~90 KB): serialising it, then encoding the string again on every
 * socket write, were the largest per-request costs left.
 */
const serialised = new WeakMap<readonly AggregateRow[], Buffer>();

export function rowsJson(rows: readonly AggregateRow[]): Buffer {
  let json = serialised.get(rows);
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(rows));
    serialised.set(rows, json);
  }
  return json;
}

/**
 * The same bytes as `c.json({ ...head, rows })`: `head` (small, per request) is serialised each
 * time, the rows only once per ranking result. `head` must not have a `rows` key of its own.
 */
export function jsonWithRows(c: Context, head: Record<string, unknown>, rows: readonly AggregateRow[]): Response {
  const headJson = JSON.stringify(head);
  const opening = headJson === '{}' ? '{"rows":' : `${headJson.slice(0, -1)},"rows":`;
  const body = Buffer.concat([Buffer.from(opening), rowsJson(rows), CLOSING]);
  return c.body(body, 200, { 'Content-Type': 'application/json' });
}

const CLOSING = Buffer.from('}');

import type { Context } from 'hono';
import { MAX_ID_CHARS, textProblem } from './input-bounds.js';

/**
 * `application/json`, optionally with `; charset=utf-8`, nothing else: a prefix match let
 * `application/jsonp` and `application/json-seq` through, which no client of ours sends.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return /^\s*application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(header ?? '');
}

/**
 * Why a request's path or query cannot be answered, or null: text that is too long or holds a
 * control character (a NUL in a query reached PostgreSQL and came back as a 503).
 */
export function requestTextProblem(c: Context): string | null {
  const url = new URL(c.req.url);
  for (const segment of url.pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'the path has a malformed percent-encoding';
    }
    const problem = textProblem(decoded, MAX_ID_CHARS);
    if (problem) return `a path segment ${problem}`;
  }
  for (const [key, value] of url.searchParams) {
    const problem = textProblem(key, MAX_ID_CHARS) ?? textProblem(value, MAX_ID_CHARS);
    if (problem) return `query parameter ${JSON.stringify(key.slice(0, 40))} ${problem}`;
  }
  return null;
}

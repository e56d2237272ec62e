/**
 * Size and character limits on an untrusted JSON body, checked before the schema and before any
 * store sees it. Zod validates shapes; this bounds what a shape may hold, so one upload cannot
 * amplify storage (a 1 MB model id is stored in every result row and index) and no store meets
 * text it cannot store (PostgreSQL refuses NUL and index entries over ~2.7 KB with an error that
 * would otherwise surface as a 503). Both stores get the same answer: 400.
 */

/** Identifiers and names: model ids, variants, model names, runtimes, device labels, ids. */
export const MAX_ID_CHARS = 200;
/** Prose the app writes (warnings, estimate reasons, notes, source titles and URLs). */
export const MAX_PROSE_CHARS = 2000;
/** Keys whose strings are prose: longer than an id, still bounded. */
const PROSE_KEYS = new Set(['warnings', 'reasons', 'reason', 'notes', 'hint', 'message', 'title', 'url', 'label']);
/** Keys a row is grouped or looked up by: an empty one makes a row nobody can name. */
const NON_EMPTY_KEYS = new Set(['id', 'submissionId', 'modelId', 'variant', 'modelName', 'runtime', 'backend']);

/** Timed samples per phase: the measurement protocol stops well below this. */
export const MAX_SAMPLES = 10_000;
export const MAX_WARNINGS = 50;
/** Any other array (reasons, sources, notes, shapes). Results are bounded by the schema (200). */
export const MAX_ARRAY_ITEMS = 200;
/** Keys of one object (estimates, dataVersions are records keyed by the client). */
export const MAX_OBJECT_KEYS = 64;
const MAX_DEPTH = 12;
const MAX_PROBLEMS = 20;

const ARRAY_LIMITS: Readonly<Record<string, number>> = { samplesMs: MAX_SAMPLES, warnings: MAX_WARNINGS };

/**
 * C0 controls (incl. NUL, CR, LF, TAB), DEL and C1 controls: none belongs in an id, a label or a
 * one-line warning, and each breaks some consumer (PostgreSQL text, CSV rows, log lines).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A UTF-16 surrogate without its pair: not encodable as UTF-8, so not storable as it was sent. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null. Shared by bodies, query parameters and path segments. */
export function textProblem(s: string, maxChars: number): string | null {
  if (s.length > maxChars) return `is ${s.length} characters long; at most ${maxChars} are accepted`;
  if (CONTROL.test(s)) return 'contains control characters (NUL, CR, LF, TAB or similar); remove them';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return null;
}

/** Every problem with `body`'s strings, keys, arrays and nesting, as `path: problem` lines (at most 20). */
export function boundsProblems(body: unknown): string[] {
  const problems: string[] = [];
  walk(body, '', '', 0, problems);
  return problems;
}

function walk(value: unknown, path: string, key: string, depth: number, problems: string[]): void {
  if (problems.length >= MAX_PROBLEMS) return;
  const at = path || '(body)';
  if (typeof value === 'string') {
    const problem = textProblem(value, PROSE_KEYS.has(key) ? MAX_PROSE_CHARS : MAX_ID_CHARS);
    if (problem) problems.push(`${at} ${problem}`);
    else if (NON_EMPTY_KEYS.has(key) && value.trim() === '') problems.push(`${at} is empty`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_DEPTH) {
    problems.push(`${at} is nested deeper than ${MAX_DEPTH} levels`);
    return;
  }
  if (Array.isArray(value)) {
    const max = ARRAY_LIMITS[key] ?? MAX_ARRAY_ITEMS;
    if (value.length > max) {
      problems.push(`${at} holds ${value.length} items; at most ${max} are accepted`);
      return;
    }
    // array items inherit their array's key: warnings[3] is prose like warnings
    value.forEach((item, i) => walk(item, `${path}[${i}]`, key, depth + 1, problems));
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_OBJECT_KEYS) {
    problems.push(`${at} has ${keys.length} keys; at most ${MAX_OBJECT_KEYS} are accepted`);
    return;
  }
  for (const k of keys) {
    const keyProblem = textProblem(k, MAX_ID_CHARS);
    if (keyProblem) {
      problems.push(`${at} has a key that ${keyProblem}`);
      continue;
    }
    walk((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k, k, depth + 1, problems);
  }
}

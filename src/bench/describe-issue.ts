import type { z } from 'zod';

/** `field "protocol.samplesMin": Too small…`; unknown keys are named by their own path. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => `field "${formatPath([...issue.path, k])}": unknown field`).join('; ');
  }
  const at = issue.path.length > 0 ? `field "${formatPath(issue.path)}"` : 'the file';
  return `${at}: ${issue.message}`;
}

export function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of p) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

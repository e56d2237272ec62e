import { HintedError } from '../core/serialized-error.js';
import { VARIANT_NAMES } from '../forge/variant-registry.js';
import { TFJS_VARIANT_NAMES } from './tfjs-variants.js';
import { generatedZooEntrySchema, packageZooEntrySchema, type ParsedZooEntry, tfjsPackageZooEntrySchema, type ZooEntry } from './zoo-entry.js';

/** Validate models/zoo.ts entry by entry, so an error names the entry and the field. */
export function parseZoo(zoo: readonly ZooEntry[]): ParsedZooEntry[] {
  const issues: string[] = [];
  const parsed: ParsedZooEntry[] = [];
  zoo.forEach((entry, i) => {
    const isObject = entry && typeof entry === 'object';
    const schema = isObject && 'format' in entry && entry.format === 'tfjs-graph' ? tfjsPackageZooEntrySchema : isObject && 'source' in entry ? packageZooEntrySchema : generatedZooEntrySchema;
    const known = schema === tfjsPackageZooEntrySchema ? TFJS_VARIANT_NAMES : VARIANT_NAMES;
    const r = schema.safeParse(entry);
    if (!r.success) {
      for (const issue of r.error.issues) issues.push(`zoo[${[i, ...issue.path].join('.')}]: ${issue.message}`);
      return;
    }
    for (const v of r.data.variants ?? []) if (!known.includes(v)) issues.push(`zoo[${i}.variants]: unknown variant "${v}" (known: ${known.join(', ')})`);
    parsed.push(r.data);
  });
  if (issues.length > 0) throw new HintedError(`the model zoo is invalid: ${issues.join('; ')}`, 'fix the named entry in models/zoo.ts');
  const ids = parsed.map((e) => e.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new HintedError(`the model zoo lists id "${dup}" twice`, 'give every entry in models/zoo.ts its own id');
  return parsed;
}

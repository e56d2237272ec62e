import { type DeclaredInput, describeDeclared } from './declared-input.js';
import { InputsError } from './inputs-error.js';

/** Sizes learned for symbolic dims ("seq", "time"), so inputs that share a symbol share its size. */
export type SymbolSizes = Map<string, number>;

/**
 * Check a shape given for `d` (by --input-shape or by a sample) against the model: same rank,
 * same fixed dims. Records the sizes it gives symbolic dims in `symbols`.
 */
export function checkGivenShape(d: DeclaredInput, given: readonly number[], by: string, symbols: SymbolSizes): void {
  if (d.shape.length !== given.length) {
    throw new InputsError(
      `${by} gives input "${d.name}" shape [${given.join(', ')}] (${given.length} dims), but the model declares ${describeDeclared(d)} with ${d.shape.length}`,
      `give ${d.shape.length} dims${d.shape.length > 0 ? `, e.g. --input-shape ${d.name}=${exampleShape(d)}` : ' (a scalar)'}`,
      d.name,
    );
  }
  d.shape.forEach((dim, k) => {
    const g = given[k]!;
    if (typeof dim === 'number' && dim !== g) {
      throw new InputsError(`${by} gives input "${d.name}" size ${g} on axis ${k}, but the model fixes it to ${dim} (${describeDeclared(d)})`, `use ${exampleShape(d)} with only the open dims changed`, d.name);
    }
    if (typeof dim === 'string' && dim !== '' && !symbols.has(dim)) symbols.set(dim, g);
  });
}

/**
 * The concrete shape of `d`: the given shape, else the model's dims with symbols filled from
 * other inputs; a still-open dim on axis 0 is the batch → 1 (with a note); any other is an error
 * naming the --input-shape to pass.
 */
export function concreteShape(d: DeclaredInput, given: readonly number[] | undefined, symbols: SymbolSizes, notes: string[]): number[] {
  if (given) return [...given];
  const open: number[] = [];
  const shape = d.shape.map((dim, k) => {
    if (typeof dim === 'number') return dim;
    const known = typeof dim === 'string' && dim !== '' ? symbols.get(dim) : undefined;
    if (known !== undefined) return known;
    if (k === 0) {
      notes.push(`input "${d.name}": open dim 0${dim ? ` ("${dim}")` : ''} taken as 1 (batch); pass --input-shape ${d.name}=… to choose`);
      return 1;
    }
    open.push(k);
    return 0;
  });
  if (open.length > 0) {
    const which = open.map((k) => `axis ${k}${d.shape[k] ? ` ("${d.shape[k]}")` : ''}`).join(', ');
    throw new InputsError(`input "${d.name}" has open dims the model does not size: ${which} of ${describeDeclared(d)}`, `pass --input-shape ${d.name}=${exampleShape(d)} (or samples with --inputs)`, d.name);
  }
  return shape;
}

/** The declared shape with fixed dims kept and open ones shown as placeholders: "1x<time>". */
function exampleShape(d: DeclaredInput): string {
  return d.shape.map((dim, k) => (typeof dim === 'number' ? String(dim) : k === 0 ? '1' : `<${dim || `dim${k}`}>`)).join('x');
}

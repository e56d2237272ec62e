import type { TensorSpec } from '../core/cell.js';
import { UsageError } from '../bench/exit-codes.js';
import type { InputFlags } from '../bench/bench-args.js';
import type { ModelFile } from './model-file.js';

// INTERIM: replaced by src/core/inputs once it lands (same result shape)
export interface FileInputs {
  specs: TensorSpec[];
  source: 'user-samples' | 'user-ranges' | 'synthetic';
  notes: string[];
}

const DTYPES = ['float32', 'int32', 'int64', 'uint8'] as const;

function pairs(flag: string, raw: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of raw) {
    const i = r.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} "${r}" is not NAME=VALUE`, `e.g. ${flag} x=…`);
    out.set(r.slice(0, i), r.slice(i + 1));
  }
  return out;
}

/** Flags name inputs of any of the files; a name no file has is a mistake (a typo), said once. */
export function checkInputNames(files: readonly ModelFile[], flags: InputFlags): void {
  const names = new Set(files.flatMap((f) => f.inputs.map((i) => i.name)));
  for (const [flag, raw] of [['--input-shape', flags.shapes], ['--input-range', flags.ranges], ['--input-value', flags.values]] as const) {
    for (const k of pairs(flag, raw).keys()) if (!names.has(k)) throw new UsageError(`${flag}: no model has an input "${k}"`, `the inputs are ${[...names].join(', ')}`);
  }
}

export function resolveFileInputs(f: ModelFile, flags: InputFlags): FileInputs {
  const shapes = pairs('--input-shape', flags.shapes);
  const ranges = pairs('--input-range', flags.ranges);
  const values = pairs('--input-value', flags.values);
  const notes: string[] = [];
  const specs = f.inputs.map((i): TensorSpec => {
    if (!(DTYPES as readonly string[]).includes(i.dtype)) throw new UsageError(`${f.fileName}: input "${i.name}" is ${i.dtype}, which edgewatt cannot feed`, `export the model with a ${DTYPES.join('/')} input`);
    const given = shapes.get(i.name)?.split(/[x,]/).map(Number);
    const shape = i.shape.map((d, axis) => {
      if (given) return given[axis]!;
      if (typeof d === 'number') return d;
      if (axis === 0) {
        notes.push(`input "${i.name}": dynamic axis 0 taken as 1 (batch)`);
        return 1;
      }
      throw new UsageError(`${f.fileName}: input "${i.name}" has a dynamic dimension ${d ?? '?'} at axis ${axis}`, `give its size: --input-shape ${i.name}=${i.shape.map((x, k) => (typeof x === 'number' ? x : k === 0 ? 1 : 'N')).join('x')}`);
    });
    const spec: TensorSpec = { name: i.name, dtype: i.dtype as TensorSpec['dtype'], shape };
    const v = values.get(i.name);
    const r = ranges.get(i.name);
    if (v !== undefined) return { ...spec, range: [Number(v), Number(v)] };
    if (r !== undefined) {
      const [lo, hi] = r.split(',').map(Number);
      if (!(lo! < hi!)) throw new UsageError(`--input-range ${i.name}=${r}: LO must be below HI`, `e.g. --input-range ${i.name}=-1,1`);
      return { ...spec, range: [lo!, hi!] };
    }
    if (spec.dtype !== 'float32' && shape.reduce((a, b) => a * b, 1) === 1) {
      throw new UsageError(`${f.fileName}: input "${i.name}" is a single ${i.dtype} value; edgewatt does not make up integers`, `set it: --input-value ${i.name}=V (e.g. a sample rate)`);
    }
    return spec;
  });
  const source = f.inputs.every((i) => ranges.has(i.name) || values.has(i.name)) ? 'user-ranges' : 'synthetic';
  return { specs, source, notes };
}

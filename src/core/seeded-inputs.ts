import type { TensorSpec } from './cell.js';
import { deriveSeed, seededRandom } from './seeded-random.js';

export type InputDtype = TensorSpec['dtype'];

export interface InputArrayOf {
  float32: Float32Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  /** 0/1 per element */
  bool: Uint8Array;
}
export type InputArray = InputArrayOf[InputDtype];

/** One model call's inputs, in the specs' order (runtime-adapter's `Feeds`). */
export type SeededFeeds = InputArray[];

/**
 * Ranges used when a spec gives none. Floats: [-1, 1], the scale of normalised images and
 * embeddings. Integers (inclusive): small non-negative ids, valid for most embedding and
 * index inputs; models that need other ids must say so in their spec.
 */
export const DEFAULT_INPUT_RANGE: Readonly<Record<InputDtype, readonly [number, number]>> = {
  float32: [-1, 1],
  int32: [0, 99],
  int64: [0, 99],
  uint8: [0, 255],
  bool: [0, 1],
};

/** 256 Mi elements: 1 GiB of float32; beyond that the spec is almost surely a mistake */
const MAX_ELEMENTS = 2 ** 28;

/**
 * Deterministic input tensor `index` for `spec`: every element `spec.value` when it is set (a
 * setting such as a sample rate, not data), else uniform in `spec.range` (integers inclusive),
 * the same bytes in Node and every browser for the same (seed, index, name), never all zeros.
 */
export function makeInput<D extends InputDtype>(spec: TensorSpec & { dtype: D }, seed: number, index: number): InputArrayOf[D];
export function makeInput(spec: TensorSpec, seed: number, index: number): InputArray {
  const count = elementCount(spec);
  if (spec.value !== undefined) return constantInput(spec, count, spec.value);
  const [low, high] = checkedRange(spec);
  const rng = seededRandom(deriveSeed(seed, `input:${index}:${spec.name}`));
  // the stream depends only on (seed, index, name), and uniform() is exact IEEE arithmetic on
  // integers from pure-rand, so Float32Array rounding is the same everywhere
  switch (spec.dtype) {
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = rng.uniform(low, high);
      return ensureNonZero(out, high !== 0 ? high : low);
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = rng.int(low, high);
      return ensureNonZero(out, high !== 0 ? high : low);
    }
    case 'uint8':
    case 'bool': {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = rng.int(low, high);
      return ensureNonZero(out, high !== 0 ? high : low);
    }
    case 'int64': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = BigInt(rng.int(low, high));
      if (out.every((v) => v === 0n)) out[0] = BigInt(high !== 0 ? high : low);
      return out;
    }
  }
}

/**
 * `count` feeds for the fidelity set / timed runs: feed i is [makeInput(spec, seed, i) for each
 * spec], in spec order. Names must be unique because each name seeds its own stream.
 */
export function makeInputSet(specs: readonly TensorSpec[], seed: number, count: number): SeededFeeds[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`input set size must be a positive integer, got ${count}`);
  const names = new Set<string>();
  for (const s of specs) {
    if (names.has(s.name)) throw new Error(`two input specs are both named "${s.name}": input names must be unique`);
    names.add(s.name);
  }
  return Array.from({ length: count }, (_, i) => specs.map((s) => makeInput(s, seed, i)));
}

function elementCount(spec: TensorSpec): number {
  let count = 1;
  for (const d of spec.shape) {
    if (!Number.isInteger(d) || d < 1) {
      throw new Error(`input "${spec.name}" has dimension ${d} in shape [${spec.shape.join(', ')}]: fix dynamic dimensions to a positive size first`);
    }
    count *= d;
  }
  if (count > MAX_ELEMENTS) {
    throw new Error(`input "${spec.name}" has ${count} elements (shape [${spec.shape.join(', ')}]), over the ${MAX_ELEMENTS} limit: use a smaller input shape`);
  }
  return count;
}

/** A set value is taken as given (zeros included: a flag or an offset may well be 0), but must fit the dtype. */
function constantInput(spec: TensorSpec, count: number, value: number): InputArray {
  const where = `input "${spec.name}" (${spec.dtype}) has value ${value}`;
  if (!Number.isFinite(value)) throw new Error(`${where}: a set value must be finite`);
  if (spec.dtype !== 'float32' && !Number.isInteger(value)) throw new Error(`${where}: integer and bool inputs need a whole-number value`);
  const [lo, hi] = VALUE_LIMITS[spec.dtype];
  if (value < lo || value > hi) throw new Error(`${where}: it must lie in [${lo}, ${hi}]`);
  switch (spec.dtype) {
    case 'float32':
      return new Float32Array(count).fill(value);
    case 'int32':
      return new Int32Array(count).fill(value);
    case 'int64':
      return new BigInt64Array(count).fill(BigInt(value));
    case 'uint8':
    case 'bool':
      return new Uint8Array(count).fill(value);
  }
}

/** What each dtype can hold; int64 is limited to safe integers because specs carry JS numbers. */
export const VALUE_LIMITS: Readonly<Record<InputDtype, readonly [number, number]>> = {
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint8: [0, 255],
  bool: [0, 1],
};

function checkedRange(spec: TensorSpec): [number, number] {
  const [low, high] = spec.range ?? DEFAULT_INPUT_RANGE[spec.dtype];
  const isInt = spec.dtype !== 'float32';
  const where = `input "${spec.name}" (${spec.dtype}) has range [${low}, ${high}]`;
  if (!Number.isFinite(low) || !Number.isFinite(high) || low > high || (!isInt && low === high)) {
    throw new Error(`${where}: a range must be finite with low < high (low ≤ high for integers)`);
  }
  if (low === 0 && high === 0) throw new Error(`${where}: inputs would be all zeros; give a range that includes non-zero values`);
  if (isInt && (!Number.isInteger(low) || !Number.isInteger(high))) throw new Error(`${where}: integer inputs need integer bounds`);
  if (spec.dtype === 'uint8' && (low < 0 || high > 255)) throw new Error(`${where}: uint8 bounds must lie in [0, 255]`);
  if (spec.dtype === 'bool' && (low < 0 || high > 1)) throw new Error(`${where}: bool bounds must lie in [0, 1]`);
  if (spec.dtype === 'int32' && (low < -(2 ** 31) || high > 2 ** 31 - 1)) throw new Error(`${where}: int32 bounds must fit in 32 bits`);
  if (spec.dtype === 'int64' && (low < Number.MIN_SAFE_INTEGER || high > Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${where}: int64 bounds must be safe integers (|x| < 2^53)`);
  }
  return [low, high];
}

// a tiny tensor can draw all zeros by chance; one pinned element keeps DESIGN §3's "never zeros"
function ensureNonZero<T extends Float32Array | Int32Array | Uint8Array>(out: T, nonZero: number): T {
  if (out.every((v) => v === 0)) out[0] = nonZero;
  return out;
}

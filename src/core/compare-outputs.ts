import type { Fidelity } from './result-schema.js';
import { countNonFinite, type NonFiniteCounts } from './non-finite.js';
import { HintedError } from './serialized-error.js';

export type ComparedFidelity = Extract<Fidelity, { state: 'compared' }>;
export type Tolerance = ComparedFidelity['tolerance'];
export type Precision = 'fp32' | 'fp16' | 'int8';

/**
 * Default pass thresholds by the candidate's precision (assumed, to be calibrated by the forge on
 * the zoo). A broken kernel (e.g. JSEP fp16 on an adapter without shader-f16) gives errors of the
 * order of the outputs themselves and cosines far below 0.9, so all three sit well clear of it.
 * - fp32: only summation order differs between backends; 1e-3 of the output scale is generous.
 * - fp16: unit roundoff 2^-11 ≈ 4.9e-4 per operation, growing with depth; a few 1e-3 relative
 *   error is normal for a small network, so 1e-2 and a cosine of 0.999.
 * - int8: each tensor is quantised to 1/255 of its range (≈ 4e-3 relative per tensor),
 *   compounding through layers; 0.1 of the output scale and a cosine of 0.99 accept that while
 *   still catching results that are wrong rather than coarse.
 */
export const DEFAULT_TOLERANCE: Readonly<Record<Precision, Tolerance>> = {
  fp32: { maxRelError: 1e-3, minCosine: 0.9999 },
  fp16: { maxRelError: 1e-2, minCosine: 0.999 },
  int8: { maxRelError: 0.1, minCosine: 0.99 },
};

/** DESIGN §3: every variant is compared with the fp32 model on ORT's WASM backend. */
export const DEFAULT_REFERENCE: ComparedFidelity['reference'] = { runtime: 'ort', backend: 'wasm', variant: 'fp32' };

/**
 * The precision a variant name implies: names with int8/uint8/qdq/quant are int8, fp16/f16/half
 * are fp16, anything else (fp32, pruned fp32 models) fp32. The tolerance used is stored in
 * the result, so a reader sees which one judged the cell.
 */
export function precisionOfVariant(variant: string): Precision {
  const v = variant.toLowerCase();
  if (/int8|uint8|qdq|quant/.test(v)) return 'int8';
  if (/fp16|f16|half/.test(v)) return 'fp16';
  return 'fp32';
}

export function toleranceForVariant(variant: string): Tolerance {
  return { ...DEFAULT_TOLERANCE[precisionOfVariant(variant)] };
}

export interface CompareOptions {
  /** what the reference outputs came from; DEFAULT_REFERENCE when omitted */
  reference?: ComparedFidelity['reference'];
  tolerance: Tolerance;
  /**
   * Dims of each output tensor (same order as the outputs). With them, top-1 agreement is computed
   * only when the single output has one dimension > 1 (e.g. [1, 1000]); without them a single
   * flat output of ≥ 2 values is taken to be a class vector.
   */
  outputDims?: readonly (readonly number[])[];
}

/**
 * The schema's compared shape plus how many values were NaN/±Infinity in either output
 * (`nonFiniteValues`), and in the candidate's outputs by kind (`nonFinite`).
 */
export type OutputComparison = ComparedFidelity & { nonFiniteValues: number; nonFinite: NonFiniteCounts };

/**
 * Compare a candidate's outputs with the reference's, indexed [input][output tensor]. Statistics
 * run over all values in float64; maxRelError is max |a − b| over max |reference|, so it is
 * relative to the output's scale, not per element (near-zero logits would blow up a per-element ratio).
 * Values that are not finite in either output are left out of the figures, counted in
 * `nonFiniteValues`, and fail the comparison.
 */
export function compareOutputs(
  reference: readonly (readonly Float32Array[])[],
  candidate: readonly (readonly Float32Array[])[],
  opts: CompareOptions,
): OutputComparison {
  checkShapes(reference, candidate);
  let maxAbs = 0;
  let maxRef = 0;
  let dot = 0;
  let refSq = 0;
  let candSq = 0;
  let nonFinite = 0;
  for (let i = 0; i < reference.length; i++) {
    const refs = reference[i] as readonly Float32Array[];
    const cands = candidate[i] as readonly Float32Array[];
    for (let o = 0; o < refs.length; o++) {
      const r = refs[o] as Float32Array;
      const c = cands[o] as Float32Array;
      for (let k = 0; k < r.length; k++) {
        const a = r[k] as number;
        const b = c[k] as number;
        if (!Number.isFinite(a) || !Number.isFinite(b)) {
          nonFinite++;
          continue;
        }
        const d = Math.abs(a - b);
        if (d > maxAbs) maxAbs = d;
        if (Math.abs(a) > maxRef) maxRef = Math.abs(a);
        dot += a * b;
        refSq += a * a;
        candSq += b * b;
      }
    }
  }
  const maxRelError = relativeError(maxAbs, maxRef);
  const cosineSimilarity = cosine(dot, refSq, candSq);
  const top1Agreement = topOneAgreement(reference, candidate, opts.outputDims);
  const { tolerance } = opts;
  return {
    state: 'compared',
    reference: opts.reference ?? { ...DEFAULT_REFERENCE },
    inputs: reference.length,
    maxAbsError: maxAbs,
    maxRelError,
    cosineSimilarity,
    top1Agreement,
    tolerance,
    pass: nonFinite === 0 && maxRelError <= tolerance.maxRelError && cosineSimilarity >= tolerance.minCosine,
    nonFiniteValues: nonFinite,
    nonFinite: countNonFinite(candidate),
  };
}

function relativeError(maxAbs: number, maxRef: number): number {
  if (maxRef > 0) return maxAbs / maxRef;
  // an all-zero reference has no scale: any difference is total, and the schema has no Infinity
  return maxAbs === 0 ? 0 : Number.MAX_VALUE;
}

function cosine(dot: number, refSq: number, candSq: number): number {
  if (refSq === 0 && candSq === 0) return 1;
  if (refSq === 0 || candSq === 0) return 0;
  const c = dot / (Math.sqrt(refSq) * Math.sqrt(candSq));
  return Math.min(1, Math.max(-1, c));
}

function topOneAgreement(
  reference: readonly (readonly Float32Array[])[],
  candidate: readonly (readonly Float32Array[])[],
  dims: readonly (readonly number[])[] | undefined,
): number | null {
  if (reference.some((outs) => outs.length !== 1)) return null;
  if (dims !== undefined) {
    const d = dims[0];
    if (dims.length !== 1 || d === undefined || d.filter((x) => x > 1).length !== 1) return null;
  }
  if (reference.some((outs) => (outs[0] as Float32Array).length < 2)) return null;
  let agree = 0;
  for (let i = 0; i < reference.length; i++) {
    if (argMax(reference[i]?.[0] as Float32Array) === argMax(candidate[i]?.[0] as Float32Array)) agree++;
  }
  return agree / reference.length;
}

// NaN never compares greater, so a NaN-filled vector keeps index -1 and cannot "agree" with a real one
function argMax(v: Float32Array): number {
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < v.length; k++) {
    const x = v[k] as number;
    if (x > bestValue || (best === -1 && x === bestValue)) {
      best = k;
      bestValue = x;
    }
  }
  return best;
}

function checkShapes(reference: readonly (readonly Float32Array[])[], candidate: readonly (readonly Float32Array[])[]): void {
  const hint = 'Run both variants on the same input set (makeInputSet with the same seed and count) and compare matching outputs.';
  if (reference.length === 0) throw new HintedError('fidelity comparison got no inputs', hint);
  if (reference.length !== candidate.length) {
    throw new HintedError(`fidelity comparison got ${reference.length} reference inputs but ${candidate.length} candidate inputs`, hint);
  }
  for (let i = 0; i < reference.length; i++) {
    const refs = reference[i] as readonly Float32Array[];
    const cands = candidate[i] as readonly Float32Array[];
    if (refs.length !== cands.length) {
      throw new HintedError(`input ${i}: the reference has ${refs.length} outputs but the candidate has ${cands.length}`, hint);
    }
    for (let o = 0; o < refs.length; o++) {
      const r = (refs[o] as Float32Array).length;
      const c = (cands[o] as Float32Array).length;
      if (r !== c) throw new HintedError(`input ${i}, output ${o}: the reference has ${r} values but the candidate has ${c}`, hint);
    }
  }
}

import { z } from 'zod';
import type { Tolerance } from './compare-outputs.js';
import { deriveSeed, seededRandom } from './seeded-random.js';

/**
 * A cell's outputs on the fixed fidelity inputs, summarised small enough to travel with every
 * shared record (a few hundred bytes per output) yet specific enough that only a run of the same
 * model gives one that matches: the server compares it with the zoo's own outputs (issue #13,
 * proof of run). Values are sampled at positions drawn from the element count alone, so two
 * digests of the same model always sample the same positions.
 */

/** Bump when the sampling or the fields change: a digest of another version is never compared. */
export const OUTPUT_DIGEST_VERSION = 1;
export const DIGEST_SAMPLES = 16;

const finite = z.number().refine(Number.isFinite, { message: 'must be finite' });

const outputSummarySchema = z
  .object({
    count: z.number().int().nonnegative(),
    sum: finite,
    l2: finite.refine((v) => v >= 0, { message: 'must be ≥ 0' }),
    maxAbs: finite.refine((v) => v >= 0, { message: 'must be ≥ 0' }),
    /** values at sampleIndices(count), in that order */
    samples: z.array(finite).max(DIGEST_SAMPLES),
  })
  .strict();
export type OutputSummary = z.infer<typeof outputSummarySchema>;

export const outputDigestSchema = z
  .object({
    version: z.literal(OUTPUT_DIGEST_VERSION),
    /** protocol.seed of the run; the fidelity inputs are seeded from it (+ FIDELITY_SEED_OFFSET) */
    seed: z.number().int(),
    /** 'seeded': inputs from the specs; 'user': the person's own samples, which no server can re-run */
    inputs: z.enum(['seeded', 'user']),
    /** [fidelity input][output tensor] */
    outputs: z.array(z.array(outputSummarySchema).min(1).max(32)).min(1).max(16),
    /** NaN/±Inf among the outputs: such a digest never matches */
    nonFinite: z.number().int().nonnegative(),
  })
  .strict();
export type OutputDigest = z.infer<typeof outputDigestSchema>;

/** DIGEST_SAMPLES distinct positions in [0, count) (all of them when fewer), ascending. */
export function sampleIndices(count: number): number[] {
  if (count <= DIGEST_SAMPLES) return Array.from({ length: count }, (_, i) => i);
  const rng = seededRandom(deriveSeed(OUTPUT_DIGEST_VERSION, `digest-samples:${count}`));
  const picked = new Set<number>();
  while (picked.size < DIGEST_SAMPLES) picked.add(rng.int(0, count - 1));
  return [...picked].sort((a, b) => a - b);
}

/** float32 holds ~7 digits; more would only make the JSON longer */
const short = (x: number) => Number(x.toPrecision(7));

export function summarizeOutput(values: Float32Array): { summary: OutputSummary; nonFinite: number } {
  let sum = 0;
  let sq = 0;
  let maxAbs = 0;
  let nonFinite = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    sum += v;
    sq += v * v;
    if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  // a non-finite sample becomes 0 so the digest stays valid JSON; `nonFinite` already fails it
  const samples = sampleIndices(values.length).map((i) => (Number.isFinite(values[i]) ? short(values[i]!) : 0));
  return { summary: { count: values.length, sum: short(sum), l2: short(Math.sqrt(sq)), maxAbs: short(maxAbs), samples }, nonFinite };
}

/** The digest of outputs indexed [fidelity input][output tensor]. */
export function outputDigestOf(outputs: readonly (readonly Float32Array[])[], meta: { seed: number; inputs: 'seeded' | 'user' }): OutputDigest {
  let nonFinite = 0;
  const summaries = outputs.map((perInput) =>
    perInput.map((o) => {
      const s = summarizeOutput(o);
      nonFinite += s.nonFinite;
      return s.summary;
    }),
  );
  return { version: OUTPUT_DIGEST_VERSION, seed: meta.seed, inputs: meta.inputs, outputs: summaries, nonFinite };
}

export type DigestVerdict = { match: true } | { match: false; reason: string };

/**
 * Whether `candidate` comes from the model whose outputs gave `expected`, at the variant's
 * tolerance. Both sides may differ from the fp32 reference by up to the tolerance (e.g. fp16 on
 * WebGPU against fp16 on WASM), so they may differ from each other by twice it; zeros, random
 * numbers or another model's outputs are off by the order of the outputs themselves.
 * - every sampled value within 2 × maxRelError × the expected outputs' largest magnitude
 *   (the scale fidelity's maxRelError uses),
 * - the cosine of all sampled values ≥ 1 − 2 × (1 − minCosine),
 * - each output's L2 norm within the relative error a cosine that low allows.
 */
export function matchesDigest(candidate: OutputDigest, expected: OutputDigest, tolerance: Tolerance): DigestVerdict {
  if (candidate.version !== expected.version) return { match: false, reason: `digest version ${candidate.version}, expected ${expected.version}` };
  if (candidate.nonFinite > 0) return { match: false, reason: `${candidate.nonFinite} non-finite output values` };
  if (candidate.outputs.length !== expected.outputs.length) return { match: false, reason: `${candidate.outputs.length} fidelity inputs, expected ${expected.outputs.length}` };
  const scale = Math.max(...expected.outputs.flat().map((o) => o.maxAbs), Number.MIN_VALUE);
  const maxAbsError = 2 * tolerance.maxRelError * scale;
  const minCosine = 1 - 2 * (1 - tolerance.minCosine);
  const normTolerance = 2 * Math.max(tolerance.maxRelError, Math.sqrt(2 * (1 - tolerance.minCosine)));
  let dot = 0;
  let cSq = 0;
  let eSq = 0;
  for (const [i, exp] of expected.outputs.entries()) {
    const cand = candidate.outputs[i]!;
    if (cand.length !== exp.length) return { match: false, reason: `input ${i}: ${cand.length} outputs, expected ${exp.length}` };
    for (const [o, e] of exp.entries()) {
      const c = cand[o]!;
      const where = `input ${i} output ${o}`;
      if (c.count !== e.count || c.samples.length !== e.samples.length) return { match: false, reason: `${where}: ${c.count} values, expected ${e.count}` };
      if (Math.abs(c.l2 - e.l2) > normTolerance * Math.max(e.l2, Number.MIN_VALUE)) return { match: false, reason: `${where}: L2 norm ${c.l2}, expected ${e.l2}` };
      for (const [k, ev] of e.samples.entries()) {
        const cv = c.samples[k]!;
        if (!(Math.abs(cv - ev) <= maxAbsError)) return { match: false, reason: `${where}: sampled value ${cv}, expected ${ev}` };
        dot += cv * ev;
        cSq += cv * cv;
        eSq += ev * ev;
      }
    }
  }
  // all-zero samples on both sides (e.g. a ReLU output) leave the cosine undefined: the values already matched
  const cosine = cSq === 0 && eSq === 0 ? 1 : dot / Math.sqrt(cSq * eSq);
  if (!(cosine >= minCosine)) return { match: false, reason: `cosine of sampled values ${cosine.toFixed(6)} < ${minCosine}` };
  return { match: true };
}

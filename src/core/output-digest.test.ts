import { describe, expect, it } from 'vitest';
import { zooModel } from '../forge/test-fixtures.node.js';
import { DEFAULT_TOLERANCE } from './compare-outputs.js';
import { DIGEST_SAMPLES, matchesDigest, outputDigestOf, outputDigestSchema, sampleIndices } from './output-digest.js';
import { seededRandom } from './seeded-random.js';

const seeded = { seed: 1234, inputs: 'seeded' } as const;
const digest = (outputs: Float32Array[][]) => outputDigestOf(outputs, seeded);

/** each value moved by up to ±`fraction` of the outputs' largest magnitude */
function withNoise(outputs: Float32Array[][], fraction: number, seed = 7): Float32Array[][] {
  const rng = seededRandom(seed);
  const scale = Math.max(...outputs.flat().flatMap((o) => [...o].map(Math.abs)));
  return outputs.map((perInput) => perInput.map((o) => o.map((v) => v + rng.uniform(-fraction, fraction) * scale)));
}

describe('output digest', () => {
  it('samples the same distinct positions for the same element count', () => {
    const a = sampleIndices(1_000_000);
    expect(a).toEqual(sampleIndices(1_000_000));
    expect(new Set(a).size).toBe(DIGEST_SAMPLES);
    expect(a.every((i) => i >= 0 && i < 1_000_000)).toBe(true);
    expect(sampleIndices(5)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(1_000_001)).not.toEqual(a);
  });

  it('stays small: three inputs of a detector-sized output fit in 2 KB', () => {
    const rng = seededRandom(3);
    const big = [0, 1, 2].map(() => [Float32Array.from({ length: 960 * 960 }, () => rng.normal())]);
    const d = digest(big);
    expect(outputDigestSchema.parse(d)).toEqual(d);
    expect(JSON.stringify(d).length).toBeLessThan(2048);
  });

  it("matches a real model's outputs with noise within the tolerance, not another model's, zeros or random numbers", async () => {
    const mlp = await (await zooModel('mlp-s')).reference();
    const cnn = await (await zooModel('cnn-s')).reference();
    const expected = digest(mlp);
    expect(matchesDigest(digest(mlp), expected, DEFAULT_TOLERANCE.fp32)).toEqual({ match: true });
    expect(matchesDigest(digest(withNoise(mlp, 1e-4)), expected, DEFAULT_TOLERANCE.fp32)).toEqual({ match: true });
    // fp16-sized differences: fine for an fp16 variant, not for an fp32 one
    expect(matchesDigest(digest(withNoise(mlp, 5e-3)), expected, DEFAULT_TOLERANCE.fp16)).toEqual({ match: true });
    expect(matchesDigest(digest(withNoise(mlp, 5e-3)), expected, DEFAULT_TOLERANCE.fp32).match).toBe(false);

    // the same output shape ([1, 10]) from another model
    expect(cnn[0]![0]!.length).toBe(mlp[0]![0]!.length);
    expect(matchesDigest(digest(cnn), expected, DEFAULT_TOLERANCE.int8).match).toBe(false);
    const zeros = mlp.map((p) => p.map((o) => new Float32Array(o.length)));
    expect(matchesDigest(digest(zeros), expected, DEFAULT_TOLERANCE.int8).match).toBe(false);
    const rng = seededRandom(11);
    const random = mlp.map((p) => p.map((o) => o.map(() => rng.uniform(-1, 1))));
    expect(matchesDigest(digest(random), expected, DEFAULT_TOLERANCE.int8).match).toBe(false);
  });

  it('never matches with non-finite values, another input count or another shape', async () => {
    const mlp = await (await zooModel('mlp-s')).reference();
    const expected = digest(mlp);
    const nan = mlp.map((p) => p.map((o) => Float32Array.from(o)));
    nan[0]![0]![3] = Number.NaN;
    const verdict = matchesDigest(digest(nan), expected, DEFAULT_TOLERANCE.int8);
    expect(verdict).toMatchObject({ match: false, reason: expect.stringMatching(/non-finite/) });
    expect(matchesDigest(digest(mlp.slice(1)), expected, DEFAULT_TOLERANCE.int8).match).toBe(false);
    const longer = mlp.map((p) => p.map((o) => Float32Array.from([...o, 0])));
    expect(matchesDigest(digest(longer), expected, DEFAULT_TOLERANCE.int8).match).toBe(false);
  });
});

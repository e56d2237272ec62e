import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * The one seeded random source of the project: model weights, benchmark inputs and bootstrap
 * resampling all draw from it, so the same seed gives the same bytes in Node and in a browser.
 */
export interface SeededRandom {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform in [low, high) */
  uniform(low: number, high: number): number;
  /** uniform integer in [from, to] */
  int(from: number, to: number): number;
  /** standard normal (Box–Muller); weights drawn with it get a realistic bell shape */
  normal(): number;
}

export function seededRandom(seed: number): SeededRandom {
  // xoroshiro's first outputs from small seeds are poorly mixed (seed 42 starts at 0.9999994),
  // so the seed goes through a 32-bit finaliser first
  const rng = xoroshiro128plus(mix32(seed));
  const next = () => uniformFloat64(rng);
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (from, to) => uniformInt(rng, from, to),
    normal: () => {
      // 1 − u keeps the logarithm's argument in (0, 1]
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Derive an independent seed for a named stream (e.g. "weights:cnn-s:conv1") from a base seed. */
export function deriveSeed(base: number, label: string): number {
  // FNV-1a over the label, mixed with the base seed: stable across platforms
  let h = 0x811c9dc5 ^ (base | 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

import type { TensorSpec } from '../cell.js';
import type { Feeds } from '../runtime-adapter.js';
import { makeInputSet } from '../seeded-inputs.js';

/** What feeds are made from: the specs (concrete shapes; range or value) and the user's samples if any. */
export interface InputsForFeeds {
  specs: readonly TensorSpec[];
  samples?: readonly Feeds[];
}

/**
 * The seed of the fidelity inputs is protocol.seed + this, so they differ from the timing inputs
 * and neither is tuned to the other. Shared by the worker and the zoo build's expected digests.
 */
export const FIDELITY_SEED_OFFSET = 7919;

/** The protocol's upper bound on fidelity inputs, applied to user samples too (each one is a model run per reference and cell). */
export const MAX_FIDELITY_SAMPLES = 16;

/**
 * `count` feeds in spec order: the user's samples taken in order from `offset` (cycling when
 * there are fewer), else seeded inputs `offset…offset + count − 1` from the specs (the same bytes
 * for the same seed in every worker, so a cell and its reference see the same inputs).
 */
export function feedsFor(inputs: InputsForFeeds, seed: number, count: number, offset = 0): Feeds[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`feeds count must be a positive integer, got ${count}`);
  const samples = inputs.samples;
  if (samples && samples.length > 0) return Array.from({ length: count }, (_, i) => samples[(offset + i) % samples.length]!);
  return makeInputSet(inputs.specs, seed, offset + count).slice(offset);
}

/**
 * How many inputs the fidelity comparison uses: with user samples every sample (they are what
 * the user cares about), up to MAX_FIDELITY_SAMPLES; otherwise the protocol's count.
 */
export function fidelityInputCount(protocolCount: number, samples?: readonly Feeds[]): number {
  return samples && samples.length > 0 ? Math.min(samples.length, MAX_FIDELITY_SAMPLES) : protocolCount;
}

import { feedsFor } from '../core/inputs/feeds-for.js';
import { declaredFromGraphInputs } from '../core/inputs/declared-input.js';
import type { InputFlags } from '../core/inputs/input-flags.js';
import { loadInputOptions, type ResolvedInputs, resolveInputs } from '../core/inputs/resolve-inputs.js';
import { decodeModel } from '../onnx/codec.js';
import { graphInputs } from '../onnx/model-info.js';
import type { Feed } from './model-runner.js';

/**
 * The inputs `edgewatt forge` runs the model on (int8-qdq calibration, --check): the model's
 * declared inputs resolved against the input flags and the --inputs file. Throws InputsError
 * (the command's exit 2) for anything the user must fix, a missing file included.
 */
export async function resolveForgeInputs(modelBytes: Uint8Array, flags: InputFlags, readFile: (path: string) => Promise<Uint8Array>): Promise<ResolvedInputs> {
  const declared = declaredFromGraphInputs(graphInputs(decodeModel(modelBytes).graph));
  return resolveInputs(declared, await loadInputOptions(flags, readFile));
}

export function hasInputFlags(flags: InputFlags): boolean {
  return flags.inputsFile !== undefined || Object.keys(flags.ranges).length + Object.keys(flags.values).length > 0;
}

/** `count` feeds by input name for a ModelRunner: the user's samples in order, else seeded from the specs. */
export function runnerFeeds(resolved: ResolvedInputs, seed: number, count: number): Record<string, Feed>[] {
  return feedsFor(resolved, seed, count).map((f) => Object.fromEntries(resolved.specs.map((s, k) => [s.name, { data: f[k]!, dims: s.shape }])));
}

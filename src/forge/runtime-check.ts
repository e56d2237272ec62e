import { InvalidModelError } from './invalid-model-error.js';
import type { ModelRunner } from './model-runner.js';
import { sha256Hex } from './sha256.js';

/** Verdicts per runner, keyed by the input's sha256: forging several variants of one file loads it once. */
const verdicts = new WeakMap<ModelRunner, Map<string, Promise<void>>>();
/** Enough for the variants of a few files in one session; the oldest verdict goes first. */
const KEEP = 16;

/**
 * Load the input model with the runtime before any rewrite. If ONNX Runtime rejects the file
 * (a node reading a tensor nobody produces, a type the op does not take, a truncated weight),
 * the file is at fault: an InvalidModelError quoting the runtime, never a "forge bug".
 */
export async function checkLoadable(bytes: Uint8Array, runner: ModelRunner): Promise<void> {
  let byHash = verdicts.get(runner);
  if (!byHash) verdicts.set(runner, (byHash = new Map()));
  const key = await sha256Hex(bytes);
  let verdict = byHash.get(key);
  if (!verdict) {
    verdict = load(bytes, runner);
    byHash.set(key, verdict);
    if (byHash.size > KEEP) byHash.delete(byHash.keys().next().value!);
  }
  return verdict;
}

async function load(bytes: Uint8Array, runner: ModelRunner): Promise<void> {
  let session;
  try {
    session = await runner.load(bytes);
  } catch (err) {
    throw new InvalidModelError(`${runner.description} cannot load this model file: ${runtimeMessage(err)}`, undefined, { cause: err });
  }
  await session.release();
}

/** ORT's message without the build machine's source path noise ("/mnt/…/graph.cc:1682 void …"). */
function runtimeMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/\/[^\s]*\/onnxruntime\/[^\s]*\.cc:\d+\s+[^\n]*?\)\s*/g, '').trim();
}

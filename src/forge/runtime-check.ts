import { HintedError } from '../core/serialized-error.js';
import { InvalidModelError } from './invalid-model-error.js';
import type { ModelRunner } from './model-runner.js';
import { sha256Hex } from './sha256.js';

/** ORT failing to initialise its backend (the .wasm not fetched, no backend available), not a verdict on the file. */
const RUNTIME_START_FAILURE = /no available backend|failed to (?:asynchronously )?(?:prepare|fetch|load|instantiate).*wasm|wasm.*(?:fetch|instantiate|compile)|Aborted\(|out of memory/i;

const MISSING_OP_HINT = 'the runtime has no kernel for an op in the file: export the model with standard ONNX ops (no custom or contrib ops) at an opset the runtime supports; the forge cannot make variants the runtime could not run';

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
    // a runtime that could not start says nothing about the file: ask again next time
    verdict.catch((err: unknown) => {
      if (!(err instanceof InvalidModelError)) byHash!.delete(key);
    });
  }
  return verdict;
}

async function load(bytes: Uint8Array, runner: ModelRunner): Promise<void> {
  let session;
  try {
    session = await runner.load(bytes);
  } catch (err) {
    const message = runtimeMessage(err);
    if (RUNTIME_START_FAILURE.test(message)) {
      throw new HintedError(`${runner.description} could not start, so the model was not checked: ${message}`, 'reload the page or check that the runtime\'s .wasm files are served; the model file may be fine', { cause: err });
    }
    // an op the runtime has no kernel for is a different fix from a malformed file
    const hint = /not a registered function\/op|Could not find an implementation/i.test(message) ? MISSING_OP_HINT : undefined;
    throw new InvalidModelError(`${runner.description} cannot load this model file: ${message}`, hint, { cause: err });
  }
  await session.release();
}

/** ORT's message without the build machine's source path noise ("/mnt/…/graph.cc:1682 void …"). */
function runtimeMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/\/[^\s]*\/onnxruntime\/[^\s]*\.cc:\d+\s+[^\n]*?\)\s*/g, '').trim();
}

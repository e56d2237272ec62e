import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../onnx/codec.js';
import { ifModel } from './control-flow-fixtures.js';
import { forgeCommand, type ForgeIo } from './forge-command.js';
import { InvalidModelError } from './invalid-model-error.js';
import { ortModelRunner } from './model-runner.js';
import { webRunner } from './test-fixtures.node.js';
import { forgeVariant, VARIANT_NAMES } from './variant-registry.js';

/**
 * A file ONNX Runtime itself rejects is reported as the user's invalid file (InvalidModelError,
 * quoting the runtime), never as "a bug in the edgewatt forge".
 */
const native = ortModelRunner(ort as never, {}, 'onnxruntime-node');

/** The If model with one node input renamed to a tensor nobody produces (in the main graph or inside a branch). */
function corrupt(where: 'main' | 'branch'): Uint8Array {
  const m = decodeModel(ifModel());
  const ifNode = m.graph.node.find((n) => n.opType === 'If')!;
  const branch = ifNode.attribute![0]!.g!;
  const node = where === 'main' ? m.graph.node.find((n) => n.name === 'sum') : branch.node![1];
  node!.input![where === 'main' ? 1 : 0] = 'nobody_makes_this';
  return encodeModel(m);
}

describe('a corrupt model is the file, not the forge', () => {
  it.each(VARIANT_NAMES)('%s: the runtime rejects it before any rewrite, and the error quotes the runtime', async (name) => {
    const err = await forgeVariant(name, corrupt('main'), { runner: native, inputValues: { mode: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as InvalidModelError).name).toBe('InvalidModelError');
    expect((err as Error).message).toMatch(/onnxruntime-node [\d.]+ cannot load this model file: .*nobody_makes_this/);
    expect((err as InvalidModelError).hint).toMatch(/re-export/);
    expect(`${(err as Error).message} ${(err as InvalidModelError).hint}`).not.toMatch(/bug in the edgewatt forge/);
  });

  it('without a runtime the forge still blames the file, also for a dangling name inside an If branch', async () => {
    for (const where of ['main', 'branch'] as const) {
      const err = await forgeVariant('fp16', corrupt(where)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidModelError);
      expect((err as Error).message).toMatch(/the input model is invalid: .*reads "nobody_makes_this"/);
      expect((err as InvalidModelError).hint).not.toMatch(/bug in the edgewatt forge/);
    }
  });

  it('edgewatt forge says "your model file" and exits 1', async () => {
    const files: Record<string, Uint8Array> = { 'bad.onnx': corrupt('branch') };
    const err: string[] = [];
    const io: ForgeIo = {
      readFile: async (p) => files[p]!,
      writeFile: async (p, b) => void (files[p] = b),
      log: () => undefined,
      error: (l) => void err.push(l),
      runner: async () => webRunner,
    };
    expect(await forgeCommand(['bad.onnx', '--out', 'out', '--variants', 'fp16'], io)).toBe(1);
    expect(err.join('\n')).toMatch(/your model file bad\.onnx is not valid: onnxruntime-web .* cannot load this model file: .*nobody_makes_this/);
    expect(Object.keys(files)).toEqual(['bad.onnx']);
  });
});

describe('a runtime that cannot start is not a verdict on the file', () => {
  it('says the runtime failed, blames nothing, and asks again next time', async () => {
    let calls = 0;
    const flaky = {
      description: 'flaky runtime',
      load: async (bytes: Uint8Array) => {
        if (++calls === 1) throw new Error('no available backend found. ERR: [wasm] TypeError: failed to fetch');
        return native.load(bytes);
      },
    };
    const first = (await forgeVariant('fp16', ifModel(), { runner: flaky }).then(() => new Error('forged'), (e: unknown) => e)) as Error;
    expect(first).not.toBeInstanceOf(InvalidModelError);
    expect(first.message).toMatch(/flaky runtime could not start, so the model was not checked/);
    expect((await forgeVariant('fp16', ifModel(), { runner: flaky })).bytes.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../core/compare-outputs.js';
import { accountModel } from './account-model.js';
import { runModel, zooModel } from './test-fixtures.node.js';
import { toleranceFor, VARIANT_KINDS, VARIANT_NAMES } from './variant-registry.js';

/**
 * The shared suite every variant kind passes, on one model of each architecture the zoo has:
 * the forged file loads and runs in onnxruntime-web (WASM), keeps the graph's inputs and
 * outputs, stays within the kind's stated fidelity bound, reports accounting that a recount of
 * its bytes confirms, and is byte-identical when forged twice.
 */
const MODELS = ['mlp-s', 'cnn-s', 'fam-dwcnn-d2-w16-i32', 'fam-tx-l1-d32-t16', 'ppocr-cls', 'ppocr-det'];

it('the registry names the variants the CLI offers', () => {
  expect(VARIANT_NAMES).toEqual(['fp16', 'int8-dynamic', 'int8-qdq', 'prune-50', 'prune-75', 'prune-90', 'prune-struct-25', 'prune-struct-50']);
});

describe.each(MODELS)('%s', (id) => {
  it.each(VARIANT_KINDS.map((k) => k.name))('%s: runs, keeps its I/O, stays within the stated fidelity bound, is deterministic', async (name) => {
    const m = await zooModel(id);
    const kind = VARIANT_KINDS.find((k) => k.name === name)!;
    const a = await kind.forge(m.bytes, m.ctx);
    const b = await kind.forge(m.bytes, m.ctx);
    expect(a.report.accounting.sha256).toBe(b.report.accounting.sha256);
    expect(a.bytes).toEqual(b.bytes);

    const ref = await m.reference();
    const out = await runModel(a.bytes, m.entry, m.feeds);
    const stated = toleranceFor(name, m.outputKind);
    const fidelity = compareOutputs(ref, out, { tolerance: stated.tolerance, outputDims: m.entry.outputs.map((o) => o.shape) });
    expect(fidelity.nonFiniteValues).toBe(0);
    expect(fidelity, `${id} ${name}: rel ${fidelity.maxRelError} cos ${fidelity.cosineSimilarity}`).toMatchObject({ pass: true });

    const { accounting, base } = a.report;
    expect(accounting.inputs.map((i) => [i.name, i.dtype])).toEqual(base.inputs.map((i) => [i.name, i.dtype]));
    expect(accounting.outputs).toEqual(base.outputs);
    const recount = await accountModel(a.bytes, { inputShapes: m.ctx.inputShapes });
    expect(recount).toEqual(accounting);
    expect(accounting.complete).toBe(true);
  });
});

import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../core/compare-outputs.js';
import { ortModelRunner } from './model-runner.js';
import { zooIds, zooModel } from './test-fixtures.node.js';
import { toleranceFor, VARIANT_KINDS } from './variant-registry.js';

/**
 * Every variant of every zoo model (56 family architectures, the small CI models, PP-OCR) loads
 * and runs in onnxruntime with fidelity inside its stated bound. onnxruntime-node here for speed;
 * variants.test.ts runs the same files through onnxruntime-web's WASM build.
 */
const native = ortModelRunner(ort as never, {}, 'onnxruntime-node');

describe.each(zooIds())('%s', (id) => {
  it('every variant runs in onnxruntime within its stated fidelity bound', async () => {
    const m = await zooModel(id);
    const run = async (bytes: Uint8Array) => {
      const s = await native.load(bytes);
      try {
        const out: Float32Array[][] = [];
        for (const f of m.feeds) {
          const r = await s.run(Object.fromEntries(m.entry.inputs.map((spec, k) => [spec.name, { data: f[k]!, dims: spec.shape }])), m.entry.outputs.map((o) => o.name));
          out.push(m.entry.outputs.map((o) => r[o.name]!));
        }
        return out;
      } finally {
        await s.release();
      }
    };
    const ref = await run(m.bytes);
    for (const kind of VARIANT_KINDS) {
      const v = await kind.forge(m.bytes, { ...m.ctx, runner: native });
      const stated = toleranceFor(kind.name, m.outputKind);
      const c = compareOutputs(ref, await run(v.bytes), { tolerance: stated.tolerance });
      expect({ variant: kind.name, pass: c.pass, nonFinite: c.nonFiniteValues }, `rel ${c.maxRelError} cos ${c.cosineSimilarity}`).toEqual({ variant: kind.name, pass: true, nonFinite: 0 });
    }
  });
});

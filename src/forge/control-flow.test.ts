import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../core/compare-outputs.js';
import { decodeModel, encodeModel } from '../onnx/codec.js';
import { valueInfo } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { accountModel } from './account-model.js';
import { ifModel, loopModel, recurrentIfModel, scanModel } from './control-flow-fixtures.js';
import type { Feed } from './model-runner.js';
import { ortModelRunner } from './model-runner.js';
import { forgeVariant, toleranceFor } from './variant-registry.js';

/**
 * Control flow through every variant: an If with weights in both branches and an outer-scope
 * weight, a Loop with a constant trip count, a Scan. Outputs of each variant are compared with
 * the fp32 model in onnxruntime-node on both branches of the If, within the variant's bound.
 */
const native = ortModelRunner(ort as never, {}, 'onnxruntime-node');
const seeded = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 31 + i * 0.37));
const VARIANTS = ['fp16', 'int8-dynamic', 'int8-qdq', 'prune-50'];

interface Case {
  bytes: Uint8Array;
  outputs: string[];
  feeds: Record<string, Feed>[];
  inputValues?: Record<string, number>;
  /** calibration feeds like the inputs (both branches of the If) */
  calibrationFeeds?: Record<string, Feed>[];
}

const ifFeeds = (mode: number, seed: number): Record<string, Feed> => ({ x: { data: seeded(72, seed), dims: [1, 2, 6, 6] }, mode: { data: BigInt64Array.of(BigInt(mode)), dims: [] } });
const rnnFeeds = (mode: number, seed: number): Record<string, Feed> => ({ xs: { data: seeded(12, seed), dims: [3, 1, 4] }, mode: { data: BigInt64Array.of(BigInt(mode)), dims: [] } });
const loopFeeds = (s: number): Record<string, Feed> => ({ x: { data: seeded(4, s), dims: [1, 4] } });
const scanFeeds = (s: number): Record<string, Feed> => ({ s0: { data: seeded(4, s), dims: [1, 4] }, xs: { data: seeded(20, s + 5), dims: [5, 4] } });
const CASES: Record<string, Case> = {
  if: { bytes: ifModel(), outputs: ['y'], feeds: [ifFeeds(1, 1), ifFeeds(0, 2), ifFeeds(1, 3), ifFeeds(0, 4)], calibrationFeeds: [1, 0, 1, 0, 1, 0].map((m, k) => ifFeeds(m, 10 + k)) },
  recurrent: { bytes: recurrentIfModel(), outputs: ['h'], feeds: [rnnFeeds(1, 1), rnnFeeds(0, 2), rnnFeeds(1, 3)], inputValues: { mode: 1 } },
  loop: { bytes: loopModel(), outputs: ['y'], feeds: [1, 2, 3].map(loopFeeds), calibrationFeeds: [11, 12, 13, 14].map(loopFeeds) },
  scan: { bytes: scanModel(), outputs: ['s_final', 'ys'], feeds: [1, 2].map(scanFeeds), calibrationFeeds: [11, 12, 13, 14, 15, 16, 17, 18].map(scanFeeds) },
};

async function run(bytes: Uint8Array, c: Case): Promise<Float32Array[][]> {
  const s = await native.load(bytes);
  try {
    const out: Float32Array[][] = [];
    for (const f of c.feeds) {
      const r = await s.run(f, c.outputs);
      out.push(c.outputs.map((o) => r[o]!));
    }
    return out;
  } finally {
    await s.release();
  }
}

describe.each(Object.keys(CASES))('%s model', (id) => {
  it.each(VARIANTS)('%s runs in onnxruntime within its stated bound', async (name) => {
    const c = CASES[id]!;
    const ref = await run(c.bytes, c);
    const v = await forgeVariant(name, c.bytes, { runner: native, calibrationFeeds: c.calibrationFeeds, inputValues: c.inputValues, calibrationInputs: 8 }).catch((e: unknown) => e as Error);
    // int8-qdq has nothing to quantise in a model of LSTM/GRU only, and says why
    if (v instanceof Error) return void expect(`${id} ${name} ${v.message}`).toMatch(/^recurrent int8-qdq int8-qdq: no Conv, MatMul or Gemm/);
    const stated = toleranceFor(name);
    const cmp = compareOutputs(ref, await run(v.bytes, c), { tolerance: stated.tolerance });
    expect({ pass: cmp.pass, nonFinite: cmp.nonFiniteValues }, `rel ${cmp.maxRelError} cos ${cmp.cosineSimilarity}`).toEqual({ pass: true, nonFinite: 0 });
    expect(v.report.accounting.params).toBe(v.report.base.params > 0 ? v.report.accounting.params : -1);
    if (name === 'prune-50') expect(v.report.accounting.sparsity).toBeGreaterThan(0.4);
    if (name === 'fp16') expect(v.report.accounting.precisionMix[0]!.dtype).toBe('FLOAT16');
  });
});

describe('control flow specifics', () => {
  it('accounting counts subgraph parameters and compute by the stated rules (hand-computed)', async () => {
    const a = await accountModel(ifModel());
    expect({ params: a.params, macs: a.macs, flops: a.flops, complete: a.complete }).toEqual({ params: 112, macs: 4032, flops: 8317, complete: true });
    expect(a.notes.join('\n')).toMatch(/If "branch": then_branch counted .*the costlier branch, an upper bound/);
    expect(a.flopsMethod).toMatch(/If: .*else the costlier branch/);
    const l = await accountModel(loopModel());
    expect({ params: l.params, macs: l.macs, flops: l.flops, complete: l.complete }).toEqual({ params: 40, macs: 104, flops: 268, complete: true });
    const r = await accountModel(recurrentIfModel());
    expect({ params: r.params, macs: r.macs, flops: r.flops, complete: r.complete }).toEqual({ params: 355, macs: 540, flops: 1486, complete: true });
    const s = await accountModel(scanModel());
    expect({ params: s.params, macs: s.macs, flops: s.flops, complete: s.complete }).toEqual({ params: 32, macs: 160, flops: 360, complete: true });
  });

  it('a Loop whose trip count is an input counts one iteration and says the count is open', async () => {
    const m = decodeModel(loopModel());
    m.graph.initializer = m.graph.initializer.filter((t) => t.name !== 'trips');
    m.graph.input.push(valueInfo('trips', DataType.INT64, []));
    const a = await accountModel(encodeModel(m));
    expect({ macs: a.macs, complete: a.complete }).toEqual({ macs: 32 + 8, complete: false });
    expect(a.notes.join('\n')).toMatch(/Loop "loop": trip count not constant, one iteration counted/);
  });

  it('the outer-scope weight read in the If branch and in the main graph is converted consistently', async () => {
    const fp16 = await forgeVariant('fp16', ifModel());
    expect(fp16.report.accounting.precisionMix).toEqual([expect.objectContaining({ dtype: 'FLOAT16', params: 112 })]);
    const q = await forgeVariant('int8-dynamic', ifModel());
    expect(q.report.changes[0]).toMatch(/5 node\(s\) quantised \(4 Conv, 1 MatMul\)/);
    expect(q.report.accounting.precisionMix.find((p) => p.dtype === 'INT8')?.params).toBeGreaterThanOrEqual(112);
  });

  it('int8-dynamic turns the LSTM (outer-scope weights) into DynamicQuantizeLSTM and keeps the GRU fp32 with the reason', async () => {
    const v = await forgeVariant('int8-dynamic', recurrentIfModel());
    expect(v.report.changes.join('\n')).toMatch(/1 LSTM\(s\) → com\.microsoft DynamicQuantizeLSTM/);
    expect(v.report.skipped).toEqual([expect.objectContaining({ node: 'gru', op: 'GRU', reason: expect.stringMatching(/no int8 GRU\/RNN kernel/) })]);
    expect(v.report.accounting.macsByDtype).toEqual({ INT8: 540 });
    expect(v.report.accounting.precisionMix.find((p) => p.dtype === 'INT8')?.params).toBe(180);
  });

  it('int8-qdq calibrated on one branch quantises that branch and says why the other is kept fp32', async () => {
    const v = await forgeVariant('int8-qdq', ifModel(), { runner: native, inputValues: { mode: 1 }, calibrationInputs: 4 });
    expect(v.report.skipped.map((s) => s.node).sort()).toEqual(['else_matmul']);
    expect(v.report.skipped[0]!.reason).toMatch(/no calibration input reached it/);
  });

  it('an integer scalar input without a value stops calibration with the flag to pass', async () => {
    await expect(forgeVariant('int8-qdq', ifModel(), { runner: native })).rejects.toThrow(/input "mode" is an integer scalar/);
    await expect(forgeVariant('int8-qdq', ifModel(), { runner: native })).rejects.toHaveProperty('hint', expect.stringMatching(/--input-value mode=V/));
  });

  it('structured pruning refuses layers inside a subgraph, naming the node', async () => {
    await expect(forgeVariant('prune-struct-25', loopModel())).rejects.toThrow(/inside the subgraph\(s\) of node "loop" \(Loop\)/);
  });
});

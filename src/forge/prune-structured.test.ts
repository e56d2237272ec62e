import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../core/compare-outputs.js';
import { HintedError } from '../core/serialized-error.js';
import { accountSpec } from '../modelgen/accounting.js';
import type { ArchSpec } from '../modelgen/spec.js';
import { decodeModel, encodeModel } from '../onnx/codec.js';
import { float32Tensor, readFloat32 } from '../onnx/tensor.js';
import { runModel, zooModel } from './test-fixtures.node.js';
import { forgeStructuredPrune } from './variant-prune-structured.js';

/** Zero the given channels (along `axis`) of named initializers: those channels then contribute exactly 0. */
function killChannels(bytes: Uint8Array, edits: { name: string; axis: number; dead: (c: number) => boolean }[]): Uint8Array {
  const m = decodeModel(bytes);
  for (const e of edits) {
    const t = m.graph.initializer.find((x) => x.name === e.name);
    if (!t) throw new Error(`no initializer ${e.name}`);
    const dims = (t.dims ?? []).map(Number);
    const inner = dims.slice(e.axis + 1).reduce((a, d) => a * d, 1);
    const data = readFloat32(t).map((v, i) => (e.dead(Math.floor(i / inner) % dims[e.axis]!) ? 0 : v));
    t.rawData = float32Tensor(e.name, dims, data).rawData;
  }
  return encodeModel(m);
}

const dead = (c: number) => c % 4 === 1; // a quarter of the channels, not the first ones
const out = (layer: string, axis: number) => [{ name: `${layer}/kernel`, axis, dead }, { name: `${layer}/bias`, axis: 0, dead }];

const CASES: { id: string; edits: Parameters<typeof killChannels>[1]; pruned: (s: ArchSpec) => ArchSpec }[] = [
  { id: 'mlp-s', edits: [...out('dense_0', 1), ...out('dense_1', 1)], pruned: (s) => (s.kind === 'mlp' ? { ...s, hidden: s.hidden.map((w) => w * 0.75) } : s) },
  { id: 'cnn-s', edits: [...out('conv_0', 0), ...out('conv_1', 0)], pruned: (s) => (s.kind === 'cnn' ? { ...s, convChannels: s.convChannels.map((w) => w * 0.75) } : s) },
  {
    id: 'fam-dwcnn-d2-w16-i32',
    edits: [...out('stem', 0), { name: 'dw_0/depthwise_kernel', axis: 0, dead }, { name: 'dw_0/bias', axis: 0, dead }, ...out('pw_0', 0), { name: 'dw_1/depthwise_kernel', axis: 0, dead }, { name: 'dw_1/bias', axis: 0, dead }, ...out('pw_1', 0)],
    pruned: (s) => (s.kind === 'dwcnn' ? { ...s, stem: s.stem * 0.75, blocks: s.blocks.map((b) => ({ ...b, channels: b.channels * 0.75 })) } : s),
  },
  { id: 'fam-tx-l1-d32-t16', edits: out('l0_ff1', 1), pruned: (s) => (s.kind === 'transformer' ? { ...s, ffn: s.ffn * 0.75 } : s) },
];

describe('structured pruning', () => {
  it.each(CASES)('$id: removing dead channels leaves the outputs unchanged and the MACs those of the smaller architecture', async ({ id, edits, pruned }) => {
    const m = await zooModel(id);
    const deadModel = killChannels(m.bytes, edits);
    const r = await forgeStructuredPrune(deadModel, { ratio: 0.25 });
    const spec = (m.zoo as { spec: ArchSpec }).spec;
    expect(r.report.accounting.macs).toBe(accountSpec(pruned(spec)).macs);
    expect(r.report.accounting.params).toBe(accountSpec(pruned(spec)).params);
    expect(r.report.accounting.macs).toBeLessThan(r.report.base.macs);
    expect(r.report.accounting.flops).toBeLessThan(r.report.base.flops);
    const before = await runModel(deadModel, m.entry, m.feeds);
    const after = await runModel(r.bytes, m.entry, m.feeds);
    const c = compareOutputs(before, after, { tolerance: { maxRelError: 1e-5, minCosine: 0.999999 } });
    expect(c.pass, `max rel error ${c.maxRelError}`).toBe(true);
  });

  it('cuts 25 % and 50 % of every prunable layer of a CNN: MACs fall to the smaller architecture', async () => {
    const m = await zooModel('fam-cnn-d2-w16-i32');
    for (const ratio of [0.25, 0.5]) {
      const r = await forgeStructuredPrune(m.bytes, { ratio });
      const spec = (m.zoo as { spec: Extract<ArchSpec, { kind: 'cnn' }> }).spec;
      expect(r.report.accounting.macs).toBe(accountSpec({ ...spec, convChannels: spec.convChannels.map((c) => Math.round(c * (1 - ratio))) }).macs);
      const outs = await runModel(r.bytes, m.entry, m.feeds);
      expect(outs[0]![0]!.every(Number.isFinite)).toBe(true);
    }
  });

  it('leaves tied channels alone and says why (attention heads, residual stream, logits)', async () => {
    const m = await zooModel('fam-tx-l1-d32-t16');
    const r = await forgeStructuredPrune(m.bytes, { ratio: 0.5 });
    const reasons = r.report.skipped.map((s) => s.reason).join('\n');
    expect(reasons).toMatch(/Reshape/);
    expect(reasons).toMatch(/graph output "logits"/);
    expect(r.report.changes.join('\n')).toMatch(/l0_ff1\/matmul: 64 → 32/);
  });

  it('refuses a model with nothing to prune, saying why', async () => {
    const m = await zooModel('mlp-s');
    const linear = decodeModel(m.bytes);
    // keep only the last Gemm: its outputs are the graph's, so no channel can go
    linear.graph.node = linear.graph.node.filter((n) => n.name === 'dense_2');
    linear.graph.node[0]!.input![0] = 'input';
    linear.graph.input[0]!.type!.tensorType!.shape!.dim![1]!.dimValue = 64 as never;
    linear.graph.initializer = linear.graph.initializer.filter((t) => t.name!.startsWith('dense_2'));
    const err = await forgeStructuredPrune(encodeModel(linear), { ratio: 0.25 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HintedError);
    expect((err as HintedError).message).toMatch(/no layer can lose channels.*graph output "logits"/);
    expect((err as HintedError).hint).toMatch(/prune-50/);
  });
});

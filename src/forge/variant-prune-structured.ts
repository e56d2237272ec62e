import { HintedError } from '../core/serialized-error.js';
import { int, makeAttribute } from '../onnx/attributes.js';
import type { DataType } from '../onnx/proto.js';
import { makeTensor, readTensor, type TensorArray } from '../onnx/tensor.js';
import { accountModel } from './account-model.js';
import { type ChannelGroup, findChannelGroups } from './channel-groups.js';
import type { CommonForgeOptions, NodeNote, VariantResult } from './forge-types.js';
import { describeNode } from './graph-index.js';
import { inferShapes } from './infer-shapes.js';
import { dropValueInfo, finishModel, prepareModel, type PreparedModel } from './prepare-model.js';
import { dropUnusedInitializers } from './quant-targets.js';

const WEIGHTED = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'LSTM', 'GRU', 'RNN']);

export interface StructuredPruneOptions extends CommonForgeOptions {
  /** share of output channels/neurons removed from every prunable layer, in (0, 1) */
  ratio: number;
}

/**
 * Structured L1 pruning: in every channel group that can be cut (channel-groups.ts), the
 * channels whose producer weights have the lowest L1 norm (normalised per producer, summed over
 * the group's producers) are removed, with every consumer's weights, biases, BatchNorm
 * parameters and depthwise `group` attributes rewritten to match. The graph does fewer FLOPs;
 * the network is not fine-tuned afterwards, so accuracy drops are real and shown by fidelity.
 */
export async function forgeStructuredPrune(bytes: Uint8Array, options: StructuredPruneOptions): Promise<VariantResult> {
  const ratio = options?.ratio;
  const variant = `prune-struct-${Math.round((ratio ?? 0) * 100)}`;
  if (typeof ratio !== 'number' || !(ratio > 0 && ratio < 1)) {
    throw new HintedError(`structured pruning ratio must be between 0 and 1 (exclusive), got ${String(ratio)}`, 'use e.g. 0.25 or 0.5');
  }
  const base = await accountModel(bytes, { inputShapes: options.inputShapes });
  const p = prepareModel(bytes, variant);
  const groups = findChannelGroups(p, inferShapes(p.index, { inputShapes: options.inputShapes }).tensors);
  const skipped: NodeNote[] = groups.filter((g) => g.frozen).map((g) => ({ node: producerNames(g), op: 'channel group', reason: g.frozen! }));
  // layers inside If/Loop/Scan bodies are left whole: their channels would cross the subgraph boundary
  const inside = p.index.children.filter((c) => c.scopes().some((s) => s.graph.node.some((n) => WEIGHTED.has(n.opType ?? ''))));
  for (const c of new Set(inside.map((x) => x.owner!))) skipped.push({ node: c.name || c.output[0] || '?', op: c.opType ?? '', reason: 'layers inside its subgraph(s) are not pruned structurally: channels would have to be cut across the subgraph boundary' });
  const prunable = groups.filter((g) => !g.frozen && g.size >= 2 && g.producers.length > 0);
  if (prunable.length === 0 && inside.length > 0) {
    const owners = [...new Set(inside.map((x) => describeNode(x.owner!)))];
    throw new HintedError(`${variant}: the model's layers sit inside the subgraph(s) of ${owners.slice(0, 3).join(', ')}; structured pruning does not cut channels across a subgraph boundary`, 'use unstructured pruning (prune-50) for models with control flow, or export the model without If/Loop/Scan');
  }
  if (prunable.length === 0) {
    const why = skipped.slice(0, 3).map((s) => `${s.node}: ${s.reason}`).join('; ');
    throw new HintedError(`${variant}: no layer can lose channels without breaking the graph (${why || 'no Conv/Gemm/MatMul with weights'})`, 'structured pruning handles MLPs, plain and depthwise-separable CNNs; try unstructured pruning (prune-50) instead');
  }
  const cuts = new Map<string, { node: PreparedModel['index']['graph']['node'][number]; index: number; axes: Map<number, number[]> }>();
  const lines: string[] = [];
  let before = 0;
  let after = 0;
  for (const g of prunable) {
    const keep = keptChannels(p, g, Math.max(1, Math.round(g.size * (1 - ratio))));
    before += g.size;
    after += keep.length;
    lines.push(`${producerNames(g)}: ${g.size} → ${keep.length}`);
    for (const a of g.actions) {
      const key = `${a.node.name}|${a.inputIndex}|${p.index.graph.node.indexOf(a.node)}`;
      const entry = cuts.get(key) ?? { node: a.node, index: a.inputIndex, axes: new Map() };
      entry.axes.set(a.axis, keep);
      cuts.set(key, entry);
    }
    for (const dw of g.depthwise) dw.attribute = [...dw.attribute.filter((x) => x.name !== 'group'), makeAttribute('group', int(keep.length))] as never;
  }
  for (const c of cuts.values()) {
    const name = c.node.input[c.index]!;
    const t = readTensor(p.index.initializers.get(name)!);
    const { data, dims } = sliceAxes(t.data, t.dims, c.axes);
    c.node.input[c.index] = p.index.addInitializer(makeTensor(p.index.freshName(`${name}/pruned`), t.dataType as DataType, dims, data));
  }
  dropValueInfo(p, prunable.flatMap((g) => g.tensors));
  dropUnusedInitializers(p);
  const effective = { ratio };
  const out = finishModel(p, variant, effective);
  const accounting = await accountModel(out, { inputShapes: options.inputShapes });
  const changes = [
    `${prunable.length} of ${groups.length} channel group(s) pruned by L1 norm: ${before} → ${after} channels`,
    ...lines,
    `MACs ${base.macs.toLocaleString('en-US')} → ${accounting.macs.toLocaleString('en-US')} (${((1 - accounting.macs / Math.max(1, base.macs)) * 100).toFixed(1)} % fewer)`,
  ];
  return { bytes: out, report: { variant, options: effective, base, accounting, changes, skipped } };
}

function producerNames(g: ChannelGroup): string {
  return g.producers.map((pr) => pr.node.name || pr.weight).join('+') || `group ${g.id}`;
}

/** Channels to keep, ascending: highest summed L1 score, each producer's norms divided by their mean. */
function keptChannels(p: PreparedModel, g: ChannelGroup, count: number): number[] {
  const score = new Float64Array(g.size);
  for (const pr of g.producers) {
    const t = readTensor(p.index.initializers.get(pr.weight)!);
    const l1 = new Float64Array(g.size);
    const inner = t.dims.slice(pr.axis + 1).reduce((a, d) => a * d, 1);
    const data = t.data as ArrayLike<number>;
    for (let i = 0; i < data.length; i++) {
      const c = Math.floor(i / inner) % g.size;
      l1[c] = l1[c]! + Math.abs(data[i]!);
    }
    const mean = l1.reduce((a, v) => a + v, 0) / g.size || 1;
    for (let c = 0; c < g.size; c++) score[c] = score[c]! + l1[c]! / mean;
  }
  const order = Array.from({ length: g.size }, (_, c) => c).sort((a, b) => score[b]! - score[a]! || a - b);
  return order.slice(0, count).sort((a, b) => a - b);
}

/** Keep only the listed indices along each axis of a row-major tensor. */
export function sliceAxes(data: TensorArray, dims: readonly number[], keep: ReadonlyMap<number, readonly number[]>): { data: TensorArray; dims: number[] } {
  let cur = data;
  let curDims = [...dims];
  for (const [axis, idx] of [...keep.entries()].sort(([a], [b]) => a - b)) {
    const outer = curDims.slice(0, axis).reduce((a, d) => a * d, 1);
    const inner = curDims.slice(axis + 1).reduce((a, d) => a * d, 1);
    const n = curDims[axis]!;
    const out = new (cur.constructor as new (len: number) => TensorArray)(outer * idx.length * inner);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < idx.length; k++) {
        const src = (o * n + idx[k]!) * inner;
        const dst = (o * idx.length + k) * inner;
        (out as Float32Array).set((cur as Float32Array).subarray(src, src + inner), dst);
      }
    }
    cur = out;
    curDims = curDims.map((d, i) => (i === axis ? idx.length : d));
  }
  return { data: cur, dims: curDims };
}

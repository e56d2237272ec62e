import { HintedError } from '../core/serialized-error.js';
import { DataType, type ITensorProto } from '../onnx/proto.js';
import { float32Tensor, readFloat32 } from '../onnx/tensor.js';
import { accountModel } from './account-model.js';
import type { CommonForgeOptions, NodeNote, VariantResult } from './forge-types.js';
import { finishModel, prepareModel } from './prepare-model.js';

export interface MagnitudePruneOptions extends CommonForgeOptions {
  /** share of each weight tensor set to zero, in (0, 1) */
  sparsity: number;
  /** 'per-layer' (default): every weight tensor loses the same share; 'global': one threshold over all weights */
  scope?: 'per-layer' | 'global';
}

/** Weight inputs that are pruned: the kernels of the matrix-product and recurrent ops, never biases or norms. */
const WEIGHT_INPUT: Readonly<Record<string, number>> = { Conv: 1, ConvTranspose: 1, Gemm: 1, MatMul: 1, LSTM: 1, GRU: 1, RNN: 1 };
/** Recurrent ops have a second weight (R, the recurrence) pruned like W. */
const SECOND_WEIGHT: Readonly<Record<string, number>> = { LSTM: 2, GRU: 2, RNN: 2 };

/**
 * Unstructured magnitude pruning: the smallest-|w| share of each weight tensor set to exactly 0,
 * shapes unchanged. Dense kernels do the same work on zeros, so this variant usually runs no
 * faster; it shrinks compressed downloads and shows that FLOPs ≠ latency.
 */
export async function forgeMagnitudePrune(bytes: Uint8Array, options: MagnitudePruneOptions): Promise<VariantResult> {
  const sparsity = options?.sparsity;
  const variant = `prune-${Math.round((sparsity ?? 0) * 100)}`;
  if (typeof sparsity !== 'number' || !(sparsity > 0 && sparsity < 1)) {
    throw new HintedError(`pruning sparsity must be between 0 and 1 (exclusive), got ${String(sparsity)}`, 'use e.g. 0.5, 0.75 or 0.9');
  }
  const scope = options.scope ?? 'per-layer';
  const base = await accountModel(bytes, { inputShapes: options.inputShapes });
  const p = prepareModel(bytes, variant);
  const skipped: NodeNote[] = [];
  const weights = new Map<string, Float32Array>();
  const tensors = new Map<string, ITensorProto>();
  // every graph, subgraphs included: a weight may sit in an If branch or be read there from an enclosing graph
  for (const scope of p.index.scopes()) {
    scope.graph.node.forEach((n, i) => {
      const k = WEIGHT_INPUT[n.opType ?? ''];
      if (k === undefined) return;
      const skip = (reason: string) => void skipped.push({ node: n.name || `#${i}`, op: n.opType ?? '', reason });
      // MatMul's weight may be either operand
      const name = [n.input[k], n.opType === 'MatMul' ? n.input[0] : undefined].find((x) => x && scope.findInitializer(x));
      if (!name) return skip('no stored weight');
      const second = SECOND_WEIGHT[n.opType ?? ''];
      for (const w of [name, ...(second !== undefined && n.input[second] && scope.findInitializer(n.input[second]!) ? [n.input[second]!] : [])]) {
        const t = scope.findInitializer(w)!.tensor;
        if (t.dataType !== DataType.FLOAT) return skip('weight is not float32');
        if (!weights.has(w)) {
          weights.set(w, readFloat32(t));
          tensors.set(w, t);
        }
      }
    });
  }
  if (weights.size === 0) throw new HintedError(`${variant}: no float32 Conv/Gemm/MatMul weights to prune`, 'pruning needs weights stored in the model (not quantised)');
  const globalThreshold = scope === 'global' ? thresholdFor([...weights.values()], sparsity) : undefined;
  let zeroed = 0;
  let total = 0;
  for (const [name, w] of weights) {
    const pruned = globalThreshold === undefined ? pruneTensor(w, sparsity) : pruneBelow(w, globalThreshold);
    zeroed += pruned.zeroed;
    total += w.length;
    const t = tensors.get(name)!;
    Object.assign(t, { rawData: float32Tensor(name, [pruned.data.length], pruned.data).rawData, floatData: [] });
  }
  const effective = { sparsity, scope };
  const out = finishModel(p, variant, effective);
  const changes = [
    `${weights.size} weight tensor(s): ${zeroed.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} values set to 0 (${((zeroed / total) * 100).toFixed(1)} %, ${scope})`,
    'shapes unchanged: dense kernels still multiply the zeros, so expect no speed-up',
  ];
  return { bytes: out, report: { variant, options: effective, base, accounting: await accountModel(out, { inputShapes: options.inputShapes }), changes, skipped } };
}

/** Zero exactly floor(sparsity × n) values, smallest |w| first (ties by position): deterministic. */
export function pruneTensor(w: Float32Array, sparsity: number): { data: Float32Array; zeroed: number } {
  const k = Math.floor(sparsity * w.length);
  if (k === 0) return { data: w.slice(), zeroed: 0 };
  // the k-th smallest |w| by a native typed-array sort, then ties at it zeroed in index order
  const abs = w.map(Math.abs).sort();
  const threshold = abs[k - 1]!;
  let below = 0;
  for (let i = 0; i < abs.length && abs[i]! < threshold; i++) below++;
  let tiesLeft = k - below;
  const data = w.slice();
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]!);
    if (a < threshold) data[i] = 0;
    else if (a === threshold && tiesLeft > 0) {
      data[i] = 0;
      tiesLeft--;
    }
  }
  return { data, zeroed: k };
}

function thresholdFor(all: Float32Array[], sparsity: number): number {
  const n = all.reduce((a, w) => a + w.length, 0);
  const abs = new Float32Array(n);
  let off = 0;
  for (const w of all) for (let i = 0; i < w.length; i++) abs[off++] = Math.abs(w[i]!);
  abs.sort();
  return abs[Math.max(0, Math.floor(sparsity * n) - 1)]!;
}

function pruneBelow(w: Float32Array, threshold: number): { data: Float32Array; zeroed: number } {
  let zeroed = 0;
  const data = w.map((v) => (Math.abs(v) <= threshold ? (zeroed++, 0) : v));
  return { data, zeroed };
}

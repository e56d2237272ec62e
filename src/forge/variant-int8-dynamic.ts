import { HintedError } from '../core/serialized-error.js';
import { getAttribute, int, ints, str, type AttrValue } from '../onnx/attributes.js';
import { DataType, type NodeProto } from '../onnx/proto.js';
import { float32Tensor, makeTensor } from '../onnx/tensor.js';
import { accountModel } from './account-model.js';
import type { CommonForgeOptions, VariantResult } from './forge-types.js';
import { inferShapes } from './infer-shapes.js';
import { finishModel, prepareModel } from './prepare-model.js';
import { quantizeRecurrent } from './quant-recurrent.js';
import { dropUnusedInitializers, findQuantTargets, type QuantTarget } from './quant-targets.js';
import { quantizeAsymmetricUint8, quantizeSymmetricInt8 } from './quantize-math.js';
import { upgradeOpset } from './upgrade-opset.js';

export interface Int8DynamicOptions extends CommonForgeOptions {
  /**
   * 'int8' (default): symmetric int8 weights, zero point 0 — MatMulInteger u8×s8 and ConvInteger
   * u8×s8 both have kernels in ORT-web's WASM build. 'uint8': asymmetric uint8 weights (the form
   * older ORT builds needed for ConvInteger).
   */
  weightType?: 'int8' | 'uint8';
  /** one scale per output channel (default true) */
  perChannel?: boolean;
  /** node names left in fp32 */
  exclude?: readonly string[];
}

const CONV_ATTRS = ['auto_pad', 'dilations', 'group', 'kernel_shape', 'pads', 'strides'];

/**
 * int8 dynamic quantisation in standard ONNX: each quantised node's activation goes through
 * DynamicQuantizeLinear (uint8, scale and zero point computed per run), the product is
 * MatMulInteger / ConvInteger into int32, then Cast → × (activation scale × weight scale) → + bias.
 * ORT fuses the MatMul chain into MatMulIntegerToFloat / DynamicQuantizeMatMul itself.
 *
 * ORT has no ConvInteger kernel for per-channel weight zero points (benchmarks/forge-ort-kernels.ts),
 * so per-channel Conv weights are symmetric (zero point 0, a scalar) with the per-channel scale
 * applied after the integer product; uint8 Conv weights fall back to one scale per tensor.
 */
export async function forgeInt8Dynamic(bytes: Uint8Array, options: Int8DynamicOptions = {}): Promise<VariantResult> {
  const variant = 'int8-dynamic';
  const weightType = options.weightType ?? 'int8';
  const perChannel = options.perChannel ?? true;
  const base = await accountModel(bytes, { inputShapes: options.inputShapes });
  const p = prepareModel(bytes, variant);
  const changes = upgradeOpset(p, 11, variant);
  const { tensors } = inferShapes(p.index, { inputShapes: options.inputShapes });
  const { targets, skipped } = findQuantTargets(p, tensors, new Set(options.exclude ?? []));
  // LSTMs first (they keep their activations fp32, so the targets' activation names are unaffected)
  const recurrent = quantizeRecurrent(p, new Set(options.exclude ?? []));
  skipped.push(...recurrent.skipped);
  if (targets.length === 0 && recurrent.replaced.size === 0) {
    throw new HintedError(`${variant}: no Conv, MatMul or Gemm with a float32 weight initializer to quantise (${skipped.length} skipped)`, 'int8 variants need weights stored in the model; check that it is not already quantised');
  }
  // per graph: an activation read in two graphs is quantised in each (the nodes must see the result)
  const quantized = new Map<string, { q: string; scale: string; zp: string }>();
  const replace = new Map<NodeProto, NodeProto[]>();
  const scopeIds = new Map(p.index.scopes().map((s, k) => [s, k]));
  let perTensorConv = 0;
  for (const t of targets) {
    const key = `${scopeIds.get(t.scope)}|${t.activation}`;
    let act = quantized.get(key);
    if (!act) {
      const ix = t.scope;
      act = { q: ix.freshName(`${t.activation}/u8`), scale: ix.freshName(`${t.activation}/scale`), zp: ix.freshName(`${t.activation}/zero_point`) };
      quantized.set(key, act);
      ix.graph.node.push(ix.newNode(`${t.activation}/DynamicQuantizeLinear`, 'DynamicQuantizeLinear', [t.activation], [act.q, act.scale, act.zp]));
    }
    const axis = perChannel && !(t.kind === 'conv' && weightType === 'uint8') ? t.channelAxis : undefined;
    if (perChannel && axis === undefined) perTensorConv++;
    replace.set(t.node, rewriteTarget(t, act, weightType, axis));
  }
  for (const scope of p.index.scopes()) scope.graph.node = scope.graph.node.flatMap((n) => replace.get(n) ?? [n]);
  dropUnusedInitializers(p);
  const counts = countBy(targets.map((t) => t.node.opType ?? ''));
  if (targets.length > 0) changes.push(`${targets.length} node(s) quantised (${counts}), ${quantized.size} activation(s) quantised at run time with DynamicQuantizeLinear`);
  if (recurrent.replaced.size > 0) changes.push(`${recurrent.replaced.size} LSTM(s) → com.microsoft DynamicQuantizeLSTM (int8 W/R, per gate column; an ORT contrib op)`);
  changes.push(`weights ${weightType}, ${perChannel ? 'per output channel' : 'per tensor'}${perTensorConv > 0 ? ` (${perTensorConv} uint8 Conv weight(s) per tensor: ConvInteger takes no per-channel zero point)` : ''}`);
  const effective = { weightType, perChannel, exclude: [...(options.exclude ?? [])].sort() };
  const out = finishModel(p, variant, effective);
  return { bytes: out, report: { variant, options: effective, base, accounting: await accountModel(out, { inputShapes: options.inputShapes }), changes, skipped } };
}

function rewriteTarget(t: QuantTarget, act: { q: string; scale: string; zp: string }, weightType: 'int8' | 'uint8', axis: number | undefined): NodeProto[] {
  const ix = t.scope;
  const name = t.node.name || t.weight;
  const y = t.node.output[0]!;
  const channels = t.weightDims[t.channelAxis]!;
  let wq: string;
  let wzp: string;
  let scales: Float32Array;
  if (weightType === 'int8') {
    const q = quantizeSymmetricInt8(t.weightData, t.weightDims, axis);
    wq = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/s8`), DataType.INT8, t.weightDims, q.q));
    wzp = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/zero_point`), DataType.INT8, [], Int8Array.of(0)));
    scales = q.scales;
  } else {
    const q = quantizeAsymmetricUint8(t.weightData, t.weightDims, axis);
    wq = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/u8`), DataType.UINT8, t.weightDims, q.q));
    // MatMulInteger takes a zero point per column; ConvInteger only a scalar (axis undefined then)
    wzp = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/zero_point`), DataType.UINT8, q.zeroPoints.length === 1 ? [] : [q.zeroPoints.length], q.zeroPoints));
    scales = q.scales;
  }
  if (t.alpha !== 1) scales = scales.map((s) => s * t.alpha);
  const spatial = t.kind === 'conv' ? t.weightDims.length - 2 : 0;
  // per-channel factors broadcast against the output: [N] for a product, [C, 1, 1] for an NCHW conv
  const scaleDims = scales.length === 1 ? [] : [channels, ...Array<number>(spatial).fill(1)];
  const wScale = ix.addInitializer(float32Tensor(ix.freshName(`${t.weight}/scale`), scaleDims, scales));
  const acc = ix.freshName(`${y}/int32`);
  const accF = ix.freshName(`${y}/int32_f`);
  const scale = ix.freshName(`${y}/scale`);
  const nodes: NodeProto[] = [];
  if (t.kind === 'conv') {
    const attrs: Record<string, AttrValue> = {};
    for (const a of CONV_ATTRS) {
      const v = getAttribute(t.node, a);
      if (typeof v === 'number') attrs[a] = int(v);
      else if (Array.isArray(v)) attrs[a] = ints(v);
      else if (typeof v === 'string') attrs[a] = str(v);
    }
    nodes.push(ix.newNode(`${name}/ConvInteger`, 'ConvInteger', [act.q, wq, act.zp, wzp], [acc], attrs));
  } else {
    nodes.push(ix.newNode(`${name}/MatMulInteger`, 'MatMulInteger', [act.q, wq, act.zp, wzp], [acc]));
  }
  nodes.push(ix.newNode(`${name}/Cast`, 'Cast', [acc], [accF], { to: int(DataType.FLOAT) }));
  nodes.push(ix.newNode(`${name}/scale`, 'Mul', [act.scale, wScale], [scale]));
  if (t.bias) {
    const scaled = ix.freshName(`${y}/scaled`);
    const b = ix.addInitializer(float32Tensor(ix.freshName(`${t.weight}/bias`), [channels, ...Array<number>(spatial).fill(1)], t.bias));
    nodes.push(ix.newNode(`${name}/rescale`, 'Mul', [accF, scale], [scaled]));
    nodes.push(ix.newNode(`${name}/bias`, 'Add', [scaled, b], [y]));
  } else {
    nodes.push(ix.newNode(`${name}/rescale`, 'Mul', [accF, scale], [y]));
  }
  return nodes;
}

export function countBy(items: readonly string[]): string {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${v} ${k}`).join(', ');
}

import { HintedError } from '../core/serialized-error.js';
import { float, int, makeAttribute } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { DataType, type NodeProto } from '../onnx/proto.js';
import { float32Tensor, makeTensor } from '../onnx/tensor.js';
import { accountModel } from './account-model.js';
import { calibrateRanges, type CalibrationMethod } from './calibrate.js';
import type { CommonForgeOptions, VariantResult } from './forge-types.js';
import { inferShapes } from './infer-shapes.js';
import type { Feed, ModelRunner } from './model-runner.js';
import type { GraphIndex } from './graph-index.js';
import { finishModel, prepareModel } from './prepare-model.js';
import { RECURRENT_FP32_REASON, RECURRENT_OPS } from './quant-recurrent.js';
import { dropUnusedInitializers, findQuantTargets, type QuantTarget } from './quant-targets.js';
import { quantizeBiasInt32, quantizeSymmetricInt8, uint8Params } from './quantize-math.js';
import { countBy } from './variant-int8-dynamic.js';
import { upgradeOpset } from './upgrade-opset.js';

export interface Int8QdqOptions extends CommonForgeOptions {
  /** runs the fp32 model for calibration (ortModelRunner(ort) in Node, browser or worker) */
  runner: ModelRunner;
  /** default 'minmax' */
  calibration?: CalibrationMethod;
  /** default 99.99 (two-sided) */
  percentile?: number;
  /** seeded calibration inputs (default 32) and their seed (default 1234) */
  calibrationInputs?: number;
  seed?: number;
  /** calibration feeds given explicitly (e.g. realistic images); replaces the seeded ones */
  feeds?: readonly Readonly<Record<string, Feed>>[];
  inputRanges?: Readonly<Record<string, readonly [number, number]>>;
  /** inputs held at one value in the seeded feeds, e.g. { sr: 16000 } */
  inputValues?: Readonly<Record<string, number>>;
  /** per-output-channel weight scales (default true) */
  perChannel?: boolean;
  exclude?: readonly string[];
}

/**
 * int8 static quantisation in ONNX's QDQ form: weights stored int8 (symmetric, per channel) with
 * a DequantizeLinear, bias int32 in the accumulator's scale, and a QuantizeLinear/DequantizeLinear
 * pair (uint8, scale and zero point from calibration) on each quantised node's input and output.
 * ORT fuses DQ → Conv/MatMul/Gemm → Q into QLinearConv / QLinearMatMul / QGemm when it can and
 * otherwise runs the fp32 op on dequantised values, so the file always runs.
 * A ReLU right after a quantised node is quantised after the ReLU (range from 0), as ORT's
 * quantiser does; ORT then drops the ReLU into the Q. Graph outputs get no Q/DQ, so inputs unlike
 * the calibration set cannot clip the model's result (ORT's QGemm/QLinearMatMul can output float).
 */
export async function forgeInt8Qdq(bytes: Uint8Array, options: Int8QdqOptions): Promise<VariantResult> {
  const variant = 'int8-qdq';
  if (!options?.runner) throw new HintedError(`${variant}: no model runner given for calibration`, 'pass { runner: ortModelRunner(ort) } with onnxruntime-web or onnxruntime-node');
  const method = options.calibration ?? 'minmax';
  const percentile = options.percentile ?? 99.99;
  const count = options.calibrationInputs ?? 32;
  const seed = options.seed ?? 1234;
  const perChannel = options.perChannel ?? true;
  const base = await accountModel(bytes, { inputShapes: options.inputShapes });
  const p = prepareModel(bytes, variant);
  const changes = upgradeOpset(p, 13, variant);
  const { tensors } = inferShapes(p.index, { inputShapes: options.inputShapes });
  const found = findQuantTargets(p, tensors, new Set(options.exclude ?? []));
  let targets = found.targets;
  const skipped = found.skipped;
  for (const scope of p.index.scopes()) for (const n of scope.graph.node) if (RECURRENT_OPS.has(n.opType ?? '')) skipped.push({ node: n.name || n.output[0] || '?', op: n.opType ?? '', reason: RECURRENT_FP32_REASON.qdq });
  if (targets.length === 0) {
    throw new HintedError(`${variant}: no Conv, MatMul or Gemm with a float32 weight initializer to quantise (${skipped.length} skipped)`, 'int8 variants need weights stored in the model; check that it is not already quantised');
  }
  const outputOf = (t: QuantTarget): string => {
    const y = t.node.output[0]!;
    const uses = t.scope.readersAnywhere(y);
    const relu = uses.length === 1 && uses[0]!.node.opType === 'Relu' && !t.scope.graphOutputs.has(y) ? uses[0]!.node : undefined;
    return relu ? relu.output[0]! : y;
  };
  // graph outputs stay exact: a Q/DQ there would clip the model's result to the calibrated range
  const wanted = (list: QuantTarget[]) => [...new Set(list.flatMap((t) => [t.activation, outputOf(t)]))].filter((n) => tensors.get(n)?.dtype === DataType.FLOAT && !p.index.graphOutputs.has(n));
  // subgraph tensors are calibrated too (expose-tensors.ts): ranges come from the inputs that reach them
  const ranges = await calibrateRanges(encodeModel(p.model), wanted(targets), options.runner, {
    method, percentile, count, seed, feeds: options.feeds, inputRanges: options.inputRanges, inputValues: options.inputValues, inputShapes: options.inputShapes,
  });
  const reached = targets.filter((t) => [t.activation, outputOf(t)].every((n) => ranges.has(n) || !wanted([t]).includes(n)));
  for (const t of targets) {
    if (!reached.includes(t)) skipped.push({ node: t.node.name || t.weight, op: t.node.opType ?? '', reason: 'no calibration input reached it (inside an If branch or loop the inputs did not take): no activation range, kept fp32' });
  }
  if (reached.length === 0) throw new HintedError(`${variant}: none of the ${targets.length} quantisable node(s) ran on the calibration inputs`, 'pass calibration feeds (or --input-value for settings such as a sample rate) that drive the model down the path it is used on');
  targets = reached;
  const actNames = wanted(targets);

  const actScale = new Map<string, number>();
  const targetNodes = new Set(targets.map((t) => t.node));
  let guardedCount = 0;
  const added = new Map<GraphIndex, NodeProto[]>();
  const push = (scope: GraphIndex, ...nodes: NodeProto[]) => added.set(scope, [...(added.get(scope) ?? []), ...nodes]);
  const scopes = p.index.scopes();
  for (const name of actNames) {
    const r = ranges.get(name)!;
    const { scale, zeroPoint } = uint8Params(r.min, r.max);
    actScale.set(name, scale);
    // one Q/DQ pair in each graph that reads the tensor, so no dequantised tensor crosses a subgraph
    // boundary; a tensor that reaches a subgraph (directly or through data movement) is dequantised
    // for the quantised nodes only: ORT's QDQ propagation moves a DQ past Transpose/Reshape and
    // then fails on a DQ output that a subgraph reads ("Argument type mismatch when adding edge")
    const home = scopes.find((sc) => sc.producer.has(name) || sc.graphInputs.has(name)) ?? p.index;
    const guarded = reachesSubgraph(home, name);
    const readers = home.readersAnywhere(name).filter((r) => !guarded || targetNodes.has(r.node));
    if (guarded) guardedCount++;
    for (const ix of new Set(readers.map((r) => r.scope))) {
      const s = ix.addInitializer(float32Tensor(ix.freshName(`${name}/scale`), [], Float32Array.of(scale)));
      const z = ix.addInitializer(makeTensor(ix.freshName(`${name}/zero_point`), DataType.UINT8, [], Uint8Array.of(zeroPoint)));
      const q = ix.freshName(`${name}/q`);
      const dq = ix.freshName(`${name}/dq`);
      for (const c of readers) if (c.scope === ix) c.node.input[c.index] = dq;
      push(ix, ix.newNode(`${name}/QuantizeLinear`, 'QuantizeLinear', [name, s, z], [q]), ix.newNode(`${name}/DequantizeLinear`, 'DequantizeLinear', [q, s, z], [dq]));
    }
  }
  for (const t of targets) push(t.scope, ...quantizeWeights(t, actScale.get(t.activation), perChannel));
  for (const [scope, nodes] of added) scope.graph.node.push(...nodes);
  dropUnusedInitializers(p);
  changes.push(`${targets.length} node(s) in QDQ form (${countBy(targets.map((t) => t.node.opType ?? ''))}), ${actNames.length} activation(s) with Q/DQ pairs`);
  if (guardedCount > 0) changes.push(`${guardedCount} activation(s) read inside an If/Loop/Scan body: dequantised for the quantised nodes only`);
  changes.push(`calibration: ${method}${method === 'percentile' ? ` ${percentile}` : ''} over ${options.feeds?.length ?? count} input(s) on ${options.runner.description}`);
  changes.push(`weights int8 symmetric ${perChannel ? 'per output channel' : 'per tensor'}, activations uint8, bias int32`);
  const effective = { ...(options.inputValues ? { inputValues: { ...options.inputValues } } : {}), calibration: method, percentile, calibrationInputs: options.feeds?.length ?? count, seed, perChannel, exclude: [...(options.exclude ?? [])].sort(), explicitFeeds: options.feeds !== undefined };
  const out = finishModel(p, variant, effective);
  return { bytes: out, report: { variant, options: effective, base, accounting: await accountModel(out, { inputShapes: options.inputShapes }), changes, skipped } };
}

/** Ops ORT's QDQ propagation moves a DequantizeLinear across (data movement). */
const PROPAGATED = new Set(['Transpose', 'Reshape', 'Squeeze', 'Unsqueeze', 'Flatten', 'Slice', 'Gather', 'MaxPool', 'Resize', 'Expand', 'Identity', 'Split', 'Concat']);

/** Whether a tensor is read by a subgraph, directly or after data movement that QDQ propagation would follow. */
function reachesSubgraph(scope: GraphIndex, name: string, seen = new Set<string>()): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  if (scope.readersAnywhere(name).some((r) => r.scope !== scope)) return true;
  return scope.consumersOf(name).some(({ node }) => PROPAGATED.has(node.opType ?? '') && node.output.some((o) => o && reachesSubgraph(scope, o, seen)));
}

/** int8 weight + DequantizeLinear (and int32 bias + DequantizeLinear) feeding the node; returns the new nodes. */
function quantizeWeights(t: QuantTarget, inputScale: number | undefined, perChannel: boolean): NodeProto[] {
  const ix = t.scope;
  const axis = perChannel ? t.channelAxis : undefined;
  const q = quantizeSymmetricInt8(t.weightData, t.weightDims, axis);
  const n = q.scales.length;
  const dimsOf = (k: number) => (k === 1 ? [] : [k]);
  const wq = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/s8`), DataType.INT8, t.weightDims, q.q));
  const ws = ix.addInitializer(float32Tensor(ix.freshName(`${t.weight}/scale`), dimsOf(n), q.scales));
  const wz = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/zero_point`), DataType.INT8, dimsOf(n), new Int8Array(n)));
  const wdq = ix.freshName(`${t.weight}/dq`);
  const nodes = [ix.newNode(`${t.weight}/DequantizeLinear`, 'DequantizeLinear', [wq, ws, wz], [wdq], axis !== undefined && n > 1 ? { axis: int(axis) } : {})];
  t.node.input[1] = wdq;
  if (t.kind === 'gemm') {
    // the weight is now [K, N] and beta·C is folded into the bias
    t.node.attribute = t.node.attribute.filter((a) => a.name !== 'transB' && a.name !== 'beta') as never;
    t.node.attribute.push(makeAttribute('transB', int(0)) as never, makeAttribute('beta', float(1)) as never);
  }
  if (t.bias && inputScale !== undefined) {
    const b = quantizeBiasInt32(t.bias, inputScale, q.scales);
    const bq = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/bias_s32`), DataType.INT32, [t.bias.length], b.q));
    const bs = ix.addInitializer(float32Tensor(ix.freshName(`${t.weight}/bias_scale`), dimsOf(b.scales.length), b.scales));
    const bz = ix.addInitializer(makeTensor(ix.freshName(`${t.weight}/bias_zero_point`), DataType.INT32, dimsOf(b.scales.length), new Int32Array(b.scales.length)));
    const bdq = ix.freshName(`${t.weight}/bias_dq`);
    nodes.push(ix.newNode(`${t.weight}/bias_DequantizeLinear`, 'DequantizeLinear', [bq, bs, bz], [bdq], b.scales.length > 1 ? { axis: int(0) } : {}));
    t.node.input[2] = bdq;
  }
  return nodes;
}

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
import { finishModel, prepareModel, type PreparedModel } from './prepare-model.js';
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
  const { targets, skipped } = findQuantTargets(p, tensors, new Set(options.exclude ?? []));
  if (targets.length === 0) {
    throw new HintedError(`${variant}: no Conv, MatMul or Gemm with a float32 weight initializer to quantise (${skipped.length} skipped)`, 'int8 variants need weights stored in the model; check that it is not already quantised');
  }
  const outputOf = (t: QuantTarget): string => {
    const y = t.node.output[0]!;
    const uses = p.index.consumersOf(y);
    const relu = uses.length === 1 && uses[0]!.node.opType === 'Relu' && !p.index.graphOutputs.has(y) ? uses[0]!.node : undefined;
    return relu ? relu.output[0]! : y;
  };
  // graph outputs stay exact: a Q/DQ there would clip the model's result to the calibrated range
  const actNames = [...new Set(targets.flatMap((t) => [t.activation, outputOf(t)]))].filter((n) => tensors.get(n)?.dtype === DataType.FLOAT && !p.index.graphOutputs.has(n));
  const ranges = await calibrateRanges(encodeModel(p.model), actNames, options.runner, {
    method, percentile, count, seed, feeds: options.feeds, inputRanges: options.inputRanges, inputValues: options.inputValues, inputShapes: options.inputShapes,
  });

  const actScale = new Map<string, number>();
  const added: NodeProto[] = [];
  for (const name of actNames) {
    const r = ranges.get(name)!;
    const { scale, zeroPoint } = uint8Params(r.min, r.max);
    actScale.set(name, scale);
    const s = p.index.addInitializer(float32Tensor(p.index.freshName(`${name}/scale`), [], Float32Array.of(scale)));
    const z = p.index.addInitializer(makeTensor(p.index.freshName(`${name}/zero_point`), DataType.UINT8, [], Uint8Array.of(zeroPoint)));
    const q = p.index.freshName(`${name}/q`);
    const dq = p.index.freshName(`${name}/dq`);
    for (const c of p.index.consumersOf(name)) c.node.input[c.index] = dq;
    added.push(p.index.newNode(`${name}/QuantizeLinear`, 'QuantizeLinear', [name, s, z], [q]));
    added.push(p.index.newNode(`${name}/DequantizeLinear`, 'DequantizeLinear', [q, s, z], [dq]));
  }
  for (const t of targets) added.push(...quantizeWeights(p, t, actScale.get(t.activation), perChannel));
  p.index.graph.node.push(...added);
  dropUnusedInitializers(p);
  changes.push(`${targets.length} node(s) in QDQ form (${countBy(targets.map((t) => t.node.opType ?? ''))}), ${actNames.length} activation(s) with Q/DQ pairs`);
  changes.push(`calibration: ${method}${method === 'percentile' ? ` ${percentile}` : ''} over ${options.feeds?.length ?? count} input(s) on ${options.runner.description}`);
  changes.push(`weights int8 symmetric ${perChannel ? 'per output channel' : 'per tensor'}, activations uint8, bias int32`);
  const effective = { calibration: method, percentile, calibrationInputs: options.feeds?.length ?? count, seed, perChannel, exclude: [...(options.exclude ?? [])].sort(), explicitFeeds: options.feeds !== undefined };
  const out = finishModel(p, variant, effective);
  return { bytes: out, report: { variant, options: effective, base, accounting: await accountModel(out, { inputShapes: options.inputShapes }), changes, skipped } };
}

/** int8 weight + DequantizeLinear (and int32 bias + DequantizeLinear) feeding the node; returns the new nodes. */
function quantizeWeights(p: PreparedModel, t: QuantTarget, inputScale: number | undefined, perChannel: boolean): NodeProto[] {
  const ix = p.index;
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

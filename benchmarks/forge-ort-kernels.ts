/**
 * Which fp16 and int8 kernels do onnxruntime-web's WASM build (run under Node) and
 * onnxruntime-node's native CPU build actually have? Builds a one-op model per case with
 * src/onnx and tries to create a session and run it; prints a table. The forge's defaults
 * (fp16 block list, int8 dynamic operator forms) follow from this table.
 *
 *   npx tsx benchmarks/forge-ort-kernels.ts
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { type AttrValue, int, ints, float } from '../src/onnx/attributes.js';
import { decodeModel, encodeModel } from '../src/onnx/codec.js';
import { GraphBuilder, makeModel } from '../src/onnx/graph-builder.js';
import { DataType } from '../src/onnx/proto.js';
import { makeTensor, type TensorArray } from '../src/onnx/tensor.js';

type Dt = 'f32' | 'f16' | 'u8' | 'i8' | 'i32' | 'i64';
const DT: Record<Dt, DataType> = { f32: DataType.FLOAT, f16: DataType.FLOAT16, u8: DataType.UINT8, i8: DataType.INT8, i32: DataType.INT32, i64: DataType.INT64 };
interface Io { name: string; dt: Dt; shape: number[]; init?: boolean; values?: TensorArray }
interface Case { label: string; op: string; domain?: string; ins: (Io | '')[]; outs: Io[]; attrs?: Record<string, AttrValue> }

function data(dt: Dt, n: number, seed = 1): TensorArray {
  const v = (i: number) => ((i * 37 + seed * 11) % 17) / 17 - 0.5;
  switch (dt) {
    case 'f32': return Float32Array.from({ length: n }, (_, i) => v(i));
    case 'f16': return Uint16Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0x3800 : 0xb400)); // ±0.5, -0.25
    case 'u8': return Uint8Array.from({ length: n }, (_, i) => (i * 13) % 256);
    case 'i8': return Int8Array.from({ length: n }, (_, i) => ((i * 13) % 256) - 128);
    case 'i32': return Int32Array.from({ length: n }, (_, i) => i % 5);
    case 'i64': return BigInt64Array.from({ length: n }, () => 1n);
  }
}
const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);

function build(c: Case): { bytes: Uint8Array; feeds: { name: string; dt: Dt; shape: number[] }[] } {
  const g = new GraphBuilder(c.label);
  const feeds: { name: string; dt: Dt; shape: number[] }[] = [];
  for (const i of c.ins) {
    if (i === '') continue;
    if (i.init) g.addInitializer(makeTensor(i.name, DT[i.dt], i.shape, i.values ?? data(i.dt, numel(i.shape), 3)));
    else { g.addInput(i.name, DT[i.dt], i.shape); feeds.push(i); }
  }
  g.addNode({ opType: c.op, domain: c.domain ?? '', inputs: c.ins.map((i) => (i === '' ? '' : i.name)), outputs: c.outs.map((o) => o.name), attributes: c.attrs ?? {} });
  for (const o of c.outs) g.addOutput(o.name, DT[o.dt], o.shape);
  const m = makeModel(g.toGraph(), { producerName: 'probe', opsetVersion: 21, irVersion: 10 });
  if (c.domain) m.opsetImport.push({ domain: c.domain, version: 1 });
  return { bytes: encodeModel(m), feeds };
}

const ORT_TYPE: Record<Dt, string> = { f32: 'float32', f16: 'float16', u8: 'uint8', i8: 'int8', i32: 'int32', i64: 'int64' };
/**
 * A CPU EP without an fp16 kernel for an op does not fail: ORT's InsertCastTransformer wraps the
 * node in Cast fp16→fp32→fp16 and runs the fp32 kernel. Visible only in the optimized graph,
 * which onnxruntime-node can write out; the WASM build shares the CPU EP's kernel registry.
 */
async function fp16Casts(c: Case): Promise<string> {
  const { bytes } = build(c);
  const file = join(tmpdir(), `edgewatt-probe-${process.pid}.onnx`);
  try {
    const s = await ortNode.InferenceSession.create(bytes, { optimizedModelFilePath: file, graphOptimizationLevel: 'basic', logSeverityLevel: 4 });
    await s.release();
    const m = decodeModel(await readFile(file));
    const casts = m.graph.node.filter((n) => n.opType === 'Cast').length;
    return casts > 0 ? `fp32 kernel (+${casts} Cast)` : 'fp16 kernel';
  } catch {
    return '–';
  } finally {
    await rm(file, { force: true });
  }
}

async function probe(ort: typeof ortNode | typeof ortWeb, c: Case, opts: object): Promise<string> {
  const { bytes, feeds } = build(c);
  try {
    const s = await ort.InferenceSession.create(bytes, opts);
    const f: Record<string, unknown> = {};
    for (const x of feeds) f[x.name] = new ort.Tensor(ORT_TYPE[x.dt] as 'float32', data(x.dt, numel(x.shape)) as Float32Array, x.shape);
    await s.run(f as never);
    await s.release();
    return 'ok';
  } catch (err) {
    const m = String((err as Error).message ?? err);
    return /implementation|NOT_IMPLEMENTED|not implemented|kernel/i.test(m) ? 'no kernel' : `error: ${m.slice(0, 90).replace(/\s+/g, ' ')}`;
  }
}

const x = (dt: Dt, shape: number[], name = 'x'): Io => ({ name, dt, shape });
const w = (dt: Dt, shape: number[], name = 'w'): Io => ({ name, dt, shape, init: true });
const y = (dt: Dt, shape: number[], name = 'y'): Io => ({ name, dt, shape });

const cases: Case[] = [];
for (const dt of ['f32', 'f16'] as const) {
  const un = (op: string, attrs?: Record<string, AttrValue>) => cases.push({ label: `${op} ${dt}`, op, ins: [x(dt, [1, 4, 8, 8])], outs: [y(dt, [1, 4, 8, 8])], attrs });
  cases.push({ label: `Conv ${dt}`, op: 'Conv', ins: [x(dt, [1, 4, 8, 8]), w(dt, [8, 4, 3, 3]), w(dt, [8], 'b')], outs: [y(dt, [1, 8, 8, 8])], attrs: { pads: ints([1, 1, 1, 1]) } });
  cases.push({ label: `Conv depthwise ${dt}`, op: 'Conv', ins: [x(dt, [1, 4, 8, 8]), w(dt, [4, 1, 3, 3]), w(dt, [4], 'b')], outs: [y(dt, [1, 4, 8, 8])], attrs: { pads: ints([1, 1, 1, 1]), group: int(4) } });
  cases.push({ label: `ConvTranspose ${dt}`, op: 'ConvTranspose', ins: [x(dt, [1, 4, 8, 8]), w(dt, [4, 2, 2, 2])], outs: [y(dt, [1, 2, 16, 16])], attrs: { strides: ints([2, 2]) } });
  cases.push({ label: `Gemm ${dt}`, op: 'Gemm', ins: [x(dt, [1, 16]), w(dt, [16, 8]), w(dt, [8], 'b')], outs: [y(dt, [1, 8])] });
  cases.push({ label: `MatMul ${dt}`, op: 'MatMul', ins: [x(dt, [1, 5, 16]), w(dt, [16, 8])], outs: [y(dt, [1, 5, 8])] });
  cases.push({ label: `Add ${dt}`, op: 'Add', ins: [x(dt, [1, 4, 8, 8]), w(dt, [4, 1, 1])], outs: [y(dt, [1, 4, 8, 8])] });
  cases.push({ label: `Mul ${dt}`, op: 'Mul', ins: [x(dt, [1, 4, 8, 8]), w(dt, [4, 1, 1])], outs: [y(dt, [1, 4, 8, 8])] });
  cases.push({ label: `Sub ${dt}`, op: 'Sub', ins: [x(dt, [1, 4, 8, 8]), w(dt, [4, 1, 1])], outs: [y(dt, [1, 4, 8, 8])] });
  cases.push({ label: `Div ${dt}`, op: 'Div', ins: [x(dt, [1, 4, 8, 8]), w(dt, [4, 1, 1])], outs: [y(dt, [1, 4, 8, 8])] });
  for (const op of ['Relu', 'Sigmoid', 'Tanh', 'HardSwish', 'HardSigmoid', 'Erf', 'Sqrt', 'Identity', 'Neg', 'Abs', 'Exp']) un(op);
  un('LeakyRelu', { alpha: float(0.1) });
  cases.push({ label: `Clip ${dt}`, op: 'Clip', ins: [x(dt, [1, 4, 8, 8]), w(dt, [], 'lo'), w(dt, [], 'hi')], outs: [y(dt, [1, 4, 8, 8])] });
  cases.push({ label: `Pow ${dt}`, op: 'Pow', ins: [x(dt, [1, 4, 8, 8]), w(dt, [], 'p')], outs: [y(dt, [1, 4, 8, 8])] });
  cases.push({ label: `MaxPool ${dt}`, op: 'MaxPool', ins: [x(dt, [1, 4, 8, 8])], outs: [y(dt, [1, 4, 4, 4])], attrs: { kernel_shape: ints([2, 2]), strides: ints([2, 2]) } });
  cases.push({ label: `AveragePool ${dt}`, op: 'AveragePool', ins: [x(dt, [1, 4, 8, 8])], outs: [y(dt, [1, 4, 4, 4])], attrs: { kernel_shape: ints([2, 2]), strides: ints([2, 2]) } });
  cases.push({ label: `GlobalAveragePool ${dt}`, op: 'GlobalAveragePool', ins: [x(dt, [1, 4, 8, 8])], outs: [y(dt, [1, 4, 1, 1])] });
  cases.push({ label: `Flatten ${dt}`, op: 'Flatten', ins: [x(dt, [1, 4, 1, 1])], outs: [y(dt, [1, 4])] });
  cases.push({ label: `Transpose ${dt}`, op: 'Transpose', ins: [x(dt, [1, 8, 8, 4])], outs: [y(dt, [1, 4, 8, 8])], attrs: { perm: ints([0, 3, 1, 2]) } });
  cases.push({ label: `Reshape ${dt}`, op: 'Reshape', ins: [x(dt, [1, 4, 8, 8]), { name: 's', dt: 'i64', shape: [2], init: true, values: BigInt64Array.of(1n, 256n) }], outs: [y(dt, [1, 256])] });
  cases.push({ label: `Softmax ${dt}`, op: 'Softmax', ins: [x(dt, [1, 5, 8])], outs: [y(dt, [1, 5, 8])], attrs: { axis: int(-1) } });
  cases.push({ label: `LayerNormalization ${dt}`, op: 'LayerNormalization', ins: [x(dt, [1, 5, 8]), w(dt, [8], 'g'), w(dt, [8], 'b')], outs: [y(dt, [1, 5, 8])], attrs: { axis: int(-1) } });
  cases.push({ label: `ReduceMean ${dt}`, op: 'ReduceMean', ins: [x(dt, [1, 5, 8]), { name: 'ax', dt: 'i64', shape: [1], init: true }], outs: [y(dt, [1, 1, 8])] });
  cases.push({ label: `Concat ${dt}`, op: 'Concat', ins: [x(dt, [1, 4, 8, 8]), x(dt, [1, 4, 8, 8], 'x2')], outs: [y(dt, [1, 8, 8, 8])], attrs: { axis: int(1) } });
  cases.push({ label: `BatchNormalization ${dt}`, op: 'BatchNormalization', ins: [x(dt, [1, 4, 8, 8]), w(dt, [4], 's'), w(dt, [4], 'b'), w(dt, [4], 'm'), { name: 'v', dt, shape: [4], init: true }], outs: [y(dt, [1, 4, 8, 8])] });
  cases.push({ label: `Resize ${dt}`, op: 'Resize', ins: [x(dt, [1, 4, 8, 8]), '', { name: 'sc', dt: 'f32', shape: [4], init: true, values: Float32Array.of(1, 1, 2, 2) }], outs: [y(dt, [1, 4, 16, 16])] });
}
cases.push({ label: 'Cast f32→f16', op: 'Cast', ins: [x('f32', [4])], outs: [y('f16', [4])], attrs: { to: int(DataType.FLOAT16) } });
cases.push({ label: 'Cast f16→f32', op: 'Cast', ins: [x('f16', [4])], outs: [y('f32', [4])], attrs: { to: int(DataType.FLOAT) } });
// int8
cases.push({ label: 'DynamicQuantizeLinear f32→u8', op: 'DynamicQuantizeLinear', ins: [x('f32', [1, 16])], outs: [y('u8', [1, 16]), y('f32', [], 's'), y('u8', [], 'z')] });
for (const [a, b] of [['u8', 'u8'], ['u8', 'i8'], ['i8', 'i8'], ['i8', 'u8']] as const) {
  cases.push({ label: `MatMulInteger ${a}×${b}`, op: 'MatMulInteger', ins: [x(a, [1, 16]), w(b, [16, 8]), w(a, [], 'az'), w(b, [], 'bz')], outs: [y('i32', [1, 8])] });
  cases.push({ label: `MatMulInteger ${a}×${b} per-col zp`, op: 'MatMulInteger', ins: [x(a, [1, 16]), w(b, [16, 8]), w(a, [], 'az'), w(b, [8], 'bz')], outs: [y('i32', [1, 8])] });
}
for (const [a, b] of [['u8', 'u8'], ['u8', 'i8'], ['i8', 'i8']] as const) {
  cases.push({ label: `ConvInteger ${a}×${b}`, op: 'ConvInteger', ins: [x(a, [1, 4, 8, 8]), w(b, [8, 4, 3, 3]), w(a, [], 'xz'), w(b, [], 'wz')], outs: [y('i32', [1, 8, 6, 6])] });
  cases.push({ label: `ConvInteger ${a}×${b} per-channel zp`, op: 'ConvInteger', ins: [x(a, [1, 4, 8, 8]), w(b, [8, 4, 3, 3]), w(a, [], 'xz'), w(b, [8], 'wz')], outs: [y('i32', [1, 8, 6, 6])] });
}
cases.push({ label: 'ConvInteger u8×u8 depthwise', op: 'ConvInteger', ins: [x('u8', [1, 4, 8, 8]), w('u8', [4, 1, 3, 3]), w('u8', [], 'xz'), w('u8', [], 'wz')], outs: [y('i32', [1, 4, 6, 6])], attrs: { group: int(4) } });
for (const t of ['u8', 'i8'] as const) {
  cases.push({ label: `QuantizeLinear f32→${t}`, op: 'QuantizeLinear', ins: [x('f32', [1, 4, 8, 8]), w('f32', [], 's'), w(t, [], 'z')], outs: [y(t, [1, 4, 8, 8])] });
  cases.push({ label: `DequantizeLinear ${t}→f32 per-axis`, op: 'DequantizeLinear', ins: [w(t, [8, 4, 3, 3], 'q'), w('f32', [8], 's'), w(t, [8], 'z')], outs: [y('f32', [8, 4, 3, 3])], attrs: { axis: int(0) } });
  cases.push({ label: `QLinearConv u8×${t}`, op: 'QLinearConv', ins: [x('u8', [1, 4, 8, 8]), w('f32', [], 'xs'), w('u8', [], 'xz'), w(t, [8, 4, 3, 3]), w('f32', [8], 'ws'), w(t, [8], 'wz'), w('f32', [], 'ys'), w('u8', [], 'yz')], outs: [y('u8', [1, 8, 6, 6])] });
  cases.push({ label: `QLinearMatMul u8×${t}`, op: 'QLinearMatMul', ins: [x('u8', [1, 16]), w('f32', [], 'xs'), w('u8', [], 'xz'), w(t, [16, 8]), w('f32', [], 'ws'), w(t, [], 'wz'), w('f32', [], 'ys'), w('u8', [], 'yz')], outs: [y('u8', [1, 8])] });
}
cases.push({ label: 'com.microsoft DynamicQuantizeMatMul (i8 w)', op: 'DynamicQuantizeMatMul', domain: 'com.microsoft', ins: [x('f32', [1, 16]), w('i8', [16, 8]), w('f32', [8], 'bs'), w('i8', [8], 'bz'), w('f32', [8], 'bias')], outs: [y('f32', [1, 8])] });
cases.push({ label: 'com.microsoft MatMulIntegerToFloat', op: 'MatMulIntegerToFloat', domain: 'com.microsoft', ins: [x('u8', [1, 16]), w('i8', [16, 8]), w('f32', [], 'as'), w('f32', [8], 'bs'), w('u8', [], 'az'), w('i8', [8], 'bz')], outs: [y('f32', [1, 8])] });
/** DynamicQuantizeLSTM takes symmetric weights only (a non-zero zero point fails at run time) */
const zeroI8 = (name: string): Io => ({ name, dt: 'i8', shape: [1, 20], init: true, values: new Int8Array(20) });
// recurrent: fp32 baselines, and ORT's int8 LSTM (the form forge int8-dynamic emits: W/R transposed, per gate column)
cases.push({ label: 'LSTM f32', op: 'LSTM', ins: [x('f32', [3, 1, 4]), w('f32', [1, 20, 4]), w('f32', [1, 20, 5], 'r')], outs: [y('f32', [3, 1, 1, 5])], attrs: { hidden_size: int(5) } });
cases.push({ label: 'GRU f32', op: 'GRU', ins: [x('f32', [3, 1, 4]), w('f32', [1, 15, 4]), w('f32', [1, 15, 5], 'r')], outs: [y('f32', [3, 1, 1, 5])], attrs: { hidden_size: int(5) } });
cases.push({
  label: 'com.microsoft DynamicQuantizeLSTM (i8 W/R per column)',
  op: 'DynamicQuantizeLSTM',
  domain: 'com.microsoft',
  ins: [x('f32', [3, 1, 4]), w('i8', [1, 4, 20]), w('i8', [1, 5, 20], 'r'), '', '', '', '', '', w('f32', [1, 20], 'ws'), zeroI8('wz'), w('f32', [1, 20], 'rs'), zeroI8('rz')],
  outs: [y('f32', [3, 1, 1, 5])],
  attrs: { hidden_size: int(5) },
});
cases.push({ label: 'com.microsoft MatMulNBits 4-bit', op: 'MatMulNBits', domain: 'com.microsoft', ins: [x('f32', [1, 32]), w('u8', [8, 1, 16]), w('f32', [8], 'sc')], outs: [y('f32', [1, 8])], attrs: { K: int(32), N: int(8), bits: int(4), block_size: int(32) } });

ortWeb.env.wasm.numThreads = 1;
ortWeb.env.logLevel = 'fatal';
console.log(`onnxruntime-web ${ortWeb.env.versions.web} (wasm EP, under Node) vs onnxruntime-node ${ortNode.env.versions.node ?? ''} (CPU EP)\n`);
console.log('case'.padEnd(44) + 'ort-web wasm'.padEnd(24) + 'ort-node cpu'.padEnd(12) + 'fp16: kernel used (ort-node optimized graph)');
for (const c of cases) {
  const web = await probe(ortWeb, c, { executionProviders: ['wasm'], logSeverityLevel: 4 });
  const node = await probe(ortNode, c, { logSeverityLevel: 4 });
  const f16 = c.ins.some((i) => i !== '' && i.dt === 'f16') && c.op !== 'Cast' ? await fp16Casts(c) : '';
  console.log(c.label.padEnd(44) + web.padEnd(24) + node.padEnd(12) + f16);
}

import { graphAttr, int, ints } from '../onnx/attributes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor, int64Tensor } from '../onnx/tensor.js';

/**
 * Small models with control flow, built with src/onnx's GraphBuilder, for the forge's tests.
 * Weights are seeded and deterministic; each model has weights inside its subgraphs and one
 * initializer of the main graph read inside a subgraph by name (outer scope). The comments give
 * the hand-computed accounting the tests check.
 */
function weights(name: string, dims: number[], seed: number): ReturnType<typeof float32Tensor> {
  const n = dims.reduce((a, b) => a * b, 1);
  // a fixed, sign-mixed spread of magnitudes: no zeros, no two values equal
  return float32Tensor(name, dims, Float32Array.from({ length: n }, (_, i) => (Math.sin(seed * 97 + i * 1.7) * 0.9 + (i % 2 ? 0.05 : -0.05)) / Math.sqrt(dims[dims.length - 1] ?? 1)));
}

/**
 * x [1,2,6,6] → Conv(Wc, 3×3, pad 1) → c [1,4,6,6]; If (mode == 1):
 *   then: Conv(c, Wt 1×1, local) → Relu → Conv(·, Wshared, outer) → [1,3,6,6]
 *   else: Transpose → MatMul(We [4,3], local) → Transpose → [1,3,6,6]
 * y = If + Conv(c, Wshared). Params 72 + 12 + 16 + 12 = 112.
 * MACs: 2592 (Conv 3×3) + 432 (Conv Wshared, main) + 1008 (then, the costlier branch) = 4032;
 * FLOPs: 5184 + 864 + 108 (Add) + 1 (Equal) + then 2160 (1152 + 144 Relu + 864) = 8317.
 */
export function ifModel(): Uint8Array {
  const g = new GraphBuilder('if_model');
  g.addInput('x', DataType.FLOAT, [1, 2, 6, 6]);
  g.addInput('mode', DataType.INT64, []);
  g.addInitializer(weights('Wc', [4, 2, 3, 3], 1));
  g.addInitializer(weights('Wshared', [3, 4, 1, 1], 2));
  g.addInitializer(int64Tensor('one', [], [1]));
  g.addNode({ opType: 'Conv', name: 'conv_in', inputs: ['x', 'Wc'], outputs: ['c'], attributes: { kernel_shape: ints([3, 3]), pads: ints([1, 1, 1, 1]) } });
  g.addNode({ opType: 'Equal', name: 'is_one', inputs: ['mode', 'one'], outputs: ['cond'] });
  const t = new GraphBuilder('then', g.names());
  t.addInitializer(weights('Wt', [4, 4, 1, 1], 3));
  t.addNode({ opType: 'Conv', name: 'then_conv', inputs: ['c', 'Wt'], outputs: ['t1'], attributes: { kernel_shape: ints([1, 1]) } });
  t.addNode({ opType: 'Relu', name: 'then_relu', inputs: ['t1'], outputs: ['t2'] });
  t.addNode({ opType: 'Conv', name: 'then_shared', inputs: ['t2', 'Wshared'], outputs: ['t3'], attributes: { kernel_shape: ints([1, 1]) } });
  t.addOutput('t3', DataType.FLOAT, [1, 3, 6, 6]);
  const e = new GraphBuilder('else', [...g.names(), ...t.names()]);
  e.addInitializer(weights('We', [4, 3], 4));
  e.addNode({ opType: 'Transpose', name: 'else_nhwc', inputs: ['c'], outputs: ['e1'], attributes: { perm: ints([0, 2, 3, 1]) } });
  e.addNode({ opType: 'MatMul', name: 'else_matmul', inputs: ['e1', 'We'], outputs: ['e2'] });
  e.addNode({ opType: 'Transpose', name: 'else_nchw', inputs: ['e2'], outputs: ['e3'], attributes: { perm: ints([0, 3, 1, 2]) } });
  e.addOutput('e3', DataType.FLOAT, [1, 3, 6, 6]);
  g.addNode({ opType: 'If', name: 'branch', inputs: ['cond'], outputs: ['b'], attributes: { then_branch: graphAttr(t.toGraph()), else_branch: graphAttr(e.toGraph()) } });
  g.addNode({ opType: 'Conv', name: 'main_shared', inputs: ['c', 'Wshared'], outputs: ['s'], attributes: { kernel_shape: ints([1, 1]) } });
  g.addNode({ opType: 'Add', name: 'sum', inputs: ['b', 's'], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, [1, 3, 6, 6]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

/**
 * x [1,4] → Loop (M = 3, no condition): h ← Tanh(h·Wl (outer) + h·Wloc (local)); y = h·Wo [4,2].
 * Params 16 + 16 + 8 = 40. MACs 3 × 32 + 8 = 104; FLOPs 3 × (64 + 4 Add + 16 Tanh) + 16 = 268.
 */
export function loopModel(): Uint8Array {
  const g = new GraphBuilder('loop_model');
  g.addInput('x', DataType.FLOAT, [1, 4]);
  g.addInitializer(int64Tensor('trips', [], [3]));
  g.addInitializer(weights('Wl', [4, 4], 5));
  g.addInitializer(weights('Wo', [4, 2], 6));
  const b = new GraphBuilder('body', [...g.names(), 'h_final']);
  b.addInput('iter', DataType.INT64, []);
  b.addInput('cond_in', DataType.BOOL, []);
  b.addInput('h', DataType.FLOAT, [1, 4]);
  b.addInitializer(weights('Wloc', [4, 4], 7));
  b.addNode({ opType: 'MatMul', name: 'outer_mm', inputs: ['h', 'Wl'], outputs: ['m1'] });
  b.addNode({ opType: 'MatMul', name: 'local_mm', inputs: ['h', 'Wloc'], outputs: ['m2'] });
  b.addNode({ opType: 'Add', name: 'mix', inputs: ['m1', 'm2'], outputs: ['m3'] });
  b.addNode({ opType: 'Tanh', name: 'squash', inputs: ['m3'], outputs: ['h_next'] });
  b.addNode({ opType: 'Identity', name: 'keep_going', inputs: ['cond_in'], outputs: ['cond_out'] });
  b.addOutput('cond_out', DataType.BOOL, []);
  b.addOutput('h_next', DataType.FLOAT, [1, 4]);
  g.addNode({ opType: 'Loop', name: 'loop', inputs: ['trips', '', 'x'], outputs: ['h_final'], attributes: { body: graphAttr(b.toGraph()) } });
  g.addNode({ opType: 'MatMul', name: 'head', inputs: ['h_final', 'Wo'], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, [1, 2]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

/**
 * s0 [1,4], xs [5,4] → Scan over the 5 rows: s ← Relu(s·Ws (local) + x_t·Wx (outer)); outputs
 * the final state and every state [5,1,4]. Params 32. MACs 5 × 32 = 160; FLOPs 5 × (64 + 4 + 4) = 360.
 */
export function scanModel(): Uint8Array {
  const g = new GraphBuilder('scan_model');
  g.addInput('s0', DataType.FLOAT, [1, 4]);
  g.addInput('xs', DataType.FLOAT, [5, 4]);
  g.addInitializer(weights('Wx', [4, 4], 8));
  const b = new GraphBuilder('body', [...g.names(), 's_final', 'ys']);
  b.addInput('s', DataType.FLOAT, [1, 4]);
  b.addInput('x_t', DataType.FLOAT, [4]);
  b.addInitializer(weights('Ws', [4, 4], 9));
  b.addInitializer(int64Tensor('axis0', [1], [0]));
  b.addNode({ opType: 'Unsqueeze', name: 'row', inputs: ['x_t', 'axis0'], outputs: ['x_row'] });
  b.addNode({ opType: 'MatMul', name: 'state_mm', inputs: ['s', 'Ws'], outputs: ['a1'] });
  b.addNode({ opType: 'MatMul', name: 'input_mm', inputs: ['x_row', 'Wx'], outputs: ['a2'] });
  b.addNode({ opType: 'Add', name: 'mix', inputs: ['a1', 'a2'], outputs: ['a3'] });
  b.addNode({ opType: 'Relu', name: 'act', inputs: ['a3'], outputs: ['s_next'] });
  b.addNode({ opType: 'Identity', name: 'emit', inputs: ['s_next'], outputs: ['y_t'] });
  b.addOutput('s_next', DataType.FLOAT, [1, 4]);
  b.addOutput('y_t', DataType.FLOAT, [1, 4]);
  g.addNode({ opType: 'Scan', name: 'scan', inputs: ['s0', 'xs'], outputs: ['s_final', 'ys'], attributes: { body: graphAttr(b.toGraph()), num_scan_inputs: int(1) } });
  g.addOutput('s_final', DataType.FLOAT, [1, 4]);
  g.addOutput('ys', DataType.FLOAT, [5, 1, 4]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

/**
 * xs [3,1,4], mode int64 → If (mode == 1): then an LSTM (hidden 5) with W, R, B of the main graph
 * (outer scope), else a GRU (hidden 5) with local weights; output the last hidden state [1,1,5].
 * Params 80 + 100 + 40 + 60 + 75 = 355. MACs: the LSTM branch 3 × 4 × 5 × (4 + 5) = 540 (GRU 405);
 * FLOPs 2 × 540 + 15 × (4 × 6 + 3) + 1 (Equal) = 1486.
 */
export function recurrentIfModel(): Uint8Array {
  const g = new GraphBuilder('recurrent_if');
  g.addInput('xs', DataType.FLOAT, [3, 1, 4]);
  g.addInput('mode', DataType.INT64, []);
  g.addInitializer(weights('W', [1, 20, 4], 11));
  g.addInitializer(weights('R', [1, 20, 5], 12));
  g.addInitializer(weights('B', [1, 40], 13));
  g.addInitializer(int64Tensor('one', [], [1]));
  g.addNode({ opType: 'Equal', name: 'is_one', inputs: ['mode', 'one'], outputs: ['cond'] });
  const t = new GraphBuilder('then', g.names());
  t.addNode({ opType: 'LSTM', name: 'lstm', inputs: ['xs', 'W', 'R', 'B'], outputs: ['', 'h_lstm'], attributes: { hidden_size: int(5) } });
  t.addOutput('h_lstm', DataType.FLOAT, [1, 1, 5]);
  const e = new GraphBuilder('else', [...g.names(), ...t.names()]);
  e.addInitializer(weights('Wg', [1, 15, 4], 14));
  e.addInitializer(weights('Rg', [1, 15, 5], 15));
  e.addNode({ opType: 'GRU', name: 'gru', inputs: ['xs', 'Wg', 'Rg'], outputs: ['', 'h_gru'], attributes: { hidden_size: int(5) } });
  e.addOutput('h_gru', DataType.FLOAT, [1, 1, 5]);
  g.addNode({ opType: 'If', name: 'branch', inputs: ['cond'], outputs: ['h'], attributes: { then_branch: graphAttr(t.toGraph()), else_branch: graphAttr(e.toGraph()) } });
  g.addOutput('h', DataType.FLOAT, [1, 1, 5]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

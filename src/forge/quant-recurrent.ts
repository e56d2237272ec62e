
import { DataType, type NodeProto, onnx } from '../onnx/proto.js';
import { float32Tensor, makeTensor, readFloat32 } from '../onnx/tensor.js';
import type { NodeNote } from './forge-types.js';
import type { GraphIndex } from './graph-index.js';
import type { PreparedModel } from './prepare-model.js';
import { quantizeSymmetricInt8 } from './quantize-math.js';

export const RECURRENT_OPS: ReadonlySet<string> = new Set(['LSTM', 'GRU', 'RNN']);
export const MS_DOMAIN = 'com.microsoft';

/** Why a recurrent node stays fp32, per variant: ORT-web 1.30 WASM has an int8 LSTM (DynamicQuantizeLSTM) and nothing else. */
export const RECURRENT_FP32_REASON = {
  qdq: 'recurrent weights stay fp32: ORT has no static (QDQ) int8 LSTM/GRU/RNN kernel; int8-dynamic quantises LSTM weights',
  gruRnn: 'recurrent weights stay fp32: ORT-web 1.30 has no int8 GRU/RNN kernel (only com.microsoft DynamicQuantizeLSTM, for LSTM)',
};

/** LSTM attributes DynamicQuantizeLSTM takes (it has no `layout`). */
const LSTM_ATTRS = new Set(['activation_alpha', 'activation_beta', 'activations', 'clip', 'direction', 'hidden_size', 'input_forget']);

/**
 * int8 LSTM weights via ORT's com.microsoft DynamicQuantizeLSTM (in ORT-web 1.30's WASM build,
 * checked with benchmarks/forge-ort-kernels.ts-style probes): W and R transposed to
 * [directions, input|hidden, 4·hidden] and stored int8, symmetric, one scale per gate column and
 * direction; activations stay fp32 and are quantised inside the kernel. Nodes go where the LSTM
 * was (any subgraph); the weights may be outer-scope initializers. GRU/RNN stay fp32 (no kernel).
 */
export function quantizeRecurrent(p: PreparedModel, exclude: ReadonlySet<string>): { replaced: Map<NodeProto, NodeProto>; skipped: NodeNote[] } {
  const replaced = new Map<NodeProto, NodeProto>();
  const skipped: NodeNote[] = [];
  // one int8 copy per weight, next to the weight: LSTMs in sibling branches may share it
  const done = new Map<string, [string, string, string]>();
  const int8Of = (scope: GraphIndex, name: string): [string, string, string] => {
    let r = done.get(name);
    if (!r) {
      const { tensor, scope: home } = scope.findInitializer(name)!;
      done.set(name, (r = transposedInt8(home, name, readFloat32(tensor), (tensor.dims ?? []).map(Number))));
    }
    return r;
  };
  for (const scope of p.index.scopes()) {
    scope.graph.node.forEach((n, i) => {
      const op = n.opType ?? '';
      if (!RECURRENT_OPS.has(op) || n.domain) return;
      const skip = (reason: string) => void skipped.push({ node: n.name || `#${i}`, op, reason });
      if (op !== 'LSTM') return skip(RECURRENT_FP32_REASON.gruRnn);
      if (exclude.has(n.name ?? '')) return skip('excluded by option');
      if (n.attribute.some((a) => a.name === 'layout' && Number(a.i ?? 0) !== 0)) return skip('layout = 1 (batch first): DynamicQuantizeLSTM takes sequence-first only');
      const w = scope.findInitializer(n.input[1] ?? '')?.tensor;
      const r = scope.findInitializer(n.input[2] ?? '')?.tensor;
      if (!w || !r) return skip('W or R is computed, not stored');
      if (w.dataType !== DataType.FLOAT || r.dataType !== DataType.FLOAT) return skip('W or R is not float32');
      const [wq, ws, wz] = int8Of(scope, n.input[1]!);
      const [rq, rs, rz] = int8Of(scope, n.input[2]!);
      const inputs = [...n.input.slice(0, 8)];
      inputs[1] = wq;
      inputs[2] = rq;
      while (inputs.length < 8) inputs.push('');
      replaced.set(
        n,
        onnx.NodeProto.create({
          name: scope.freshName(`${n.name || 'lstm'}/DynamicQuantizeLSTM`),
          opType: 'DynamicQuantizeLSTM',
          domain: MS_DOMAIN,
          input: [...inputs, ws, wz, rs, rz],
          output: [...n.output],
          attribute: n.attribute.filter((a) => LSTM_ATTRS.has(a.name ?? '')).map((a) => onnx.AttributeProto.create(a)),
        }),
      );
    });
  }
  for (const scope of p.index.scopes()) scope.graph.node = scope.graph.node.map((n) => replaced.get(n) ?? n);
  if (replaced.size > 0 && !p.model.opsetImport.some((o) => o.domain === MS_DOMAIN)) p.model.opsetImport.push({ domain: MS_DOMAIN, version: 1 } as never);
  return { replaced, skipped };
}

/** [dirs, 4H, K] float → [dirs, K, 4H] int8 with scales and zero points [dirs, 4H]; returns their names. */
function transposedInt8(scope: GraphIndex, name: string, data: Float32Array, dims: number[]): [string, string, string] {
  const [dirs, rows, k] = dims as [number, number, number];
  const q = new Int8Array(data.length);
  const scales = new Float32Array(dirs * rows);
  for (let d = 0; d < dirs; d++) {
    const t = new Float32Array(k * rows);
    for (let row = 0; row < rows; row++) for (let j = 0; j < k; j++) t[j * rows + row] = data[(d * rows + row) * k + j]!;
    const per = quantizeSymmetricInt8(t, [k, rows], 1);
    q.set(per.q, d * k * rows);
    scales.set(per.scales, d * rows);
  }
  const qName = scope.addInitializer(makeTensor(scope.freshName(`${name}/s8_t`), DataType.INT8, [dirs, k, rows], q));
  const sName = scope.addInitializer(float32Tensor(scope.freshName(`${name}/scale`), [dirs, rows], scales));
  const zName = scope.addInitializer(makeTensor(scope.freshName(`${name}/zero_point`), DataType.INT8, [dirs, rows], new Int8Array(dirs * rows)));
  return [qName, sName, zName];
}


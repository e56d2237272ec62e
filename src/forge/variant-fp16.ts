import { HintedError } from '../core/serialized-error.js';
import { getAttribute, int, makeAttribute, tensorAttr } from '../onnx/attributes.js';
import { DataType, type ITensorProto, type NodeProto, onnx } from '../onnx/proto.js';
import { makeTensor, readFloat32 } from '../onnx/tensor.js';
import { accountModel } from './account-model.js';
import { FP16_MAX, float32ToFloat16 } from './float16.js';
import type { CommonForgeOptions, NodeNote, VariantResult } from './forge-types.js';
import { describeNode, type GraphIndex } from './graph-index.js';
import { inferShapes, SHAPE_RULES } from './infer-shapes.js';
import { dropValueInfo, finishModel, prepareModel } from './prepare-model.js';
import { holdsSubgraph } from './subgraphs.js';

/**
 * Ops kept in fp32 by default because fp16 (max 65504, 11-bit mantissa) overflows or loses too
 * much in them: exponentials, powers and sums of squares. Configurable per call.
 */
export const DEFAULT_FP16_BLOCK_LIST: readonly string[] = ['Exp', 'Log', 'Pow', 'Reciprocal', 'ReduceSumSquare', 'ReduceL2', 'ReduceLogSumExp', 'ReduceProd'];

/** Ops that stay fp32 whatever the block list says: their float inputs are scales or their spec has no fp16 form here. */
const ALWAYS_FP32: Readonly<Record<string, string>> = {
  QuantizeLinear: 'quantisation scales stay fp32',
  DequantizeLinear: 'quantisation scales stay fp32',
  DynamicQuantizeLinear: 'defined for float32 only',
};

/** Float inputs that are parameters with their own type, not the op's data (kept fp32). */
const FP32_INPUTS: Readonly<Record<string, readonly number[]>> = { Resize: [1, 2], Upsample: [1], Dropout: [1] };

export interface Fp16Options extends CommonForgeOptions {
  /** op types kept in fp32 (default DEFAULT_FP16_BLOCK_LIST) */
  blockList?: readonly string[];
  /** node names kept in fp32 */
  keepNodes?: readonly string[];
  /**
   * Nodes with a weight beyond ±65504 (e.g. a BatchNormalization variance of 1e8) stay fp32 by
   * default; true clamps such weights into the fp16 range instead (and counts them).
   */
  clampOverflow?: boolean;
}

/** Largest |value| among a node's float32 initializer inputs (0 when it has none). */
function largestWeight(scope: GraphIndex, n: NodeProto): number {
  let max = 0;
  for (const x of n.input) {
    const t = scope.findInitializer(x)?.tensor;
    if (!t || t.dataType !== DataType.FLOAT) continue;
    for (const v of readFloat32(t)) if (Math.abs(v) > max) max = Math.abs(v);
  }
  return max;
}

type Precision = 'fp32' | 'fp16';

/**
 * fp16 mixed precision: weights and compute in fp16, graph inputs and outputs still fp32 (Cast
 * at the edges), block-listed ops in fp32 with Casts around them. Weights beyond ±65504 are
 * clamped and counted. Note for WASM: ORT's CPU kernels are mostly fp32-only and ORT wraps fp16
 * nodes in Casts itself (benchmarks/forge-ort-kernels.ts), so this variant pays off on WebGPU.
 */
export async function forgeFp16(bytes: Uint8Array, options: Fp16Options = {}): Promise<VariantResult> {
  const variant = 'fp16';
  const blockList = new Set(options.blockList ?? DEFAULT_FP16_BLOCK_LIST);
  const keepNodes = new Set(options.keepNodes ?? []);
  const base = await accountModel(bytes, { inputShapes: options.inputShapes });
  const p = prepareModel(bytes, variant);
  const { index } = p;
  const { tensors } = inferShapes(index, { inputShapes: options.inputShapes });
  const isFloat = (name: string) => name !== '' && tensors.get(name)?.dtype === DataType.FLOAT;
  if (![...tensors.values()].some((t) => t.dtype === DataType.FLOAT)) {
    throw new HintedError(`${variant}: the model has no float32 tensors to convert`, 'it may already be fp16 or quantised; forge fp16 from the fp32 model');
  }
  // every graph, outermost first; tensor names are unique across them, so precision is tracked by name
  const scopes = index.scopes();
  const scopeOf = new Map<NodeProto, GraphIndex>(scopes.flatMap((s) => s.graph.node.map((n) => [n, s] as const)));

  const skipped: NodeNote[] = [];
  const converted = new Set<NodeProto>();
  for (const scope of scopes) {
    scope.graph.node.forEach((n, i) => {
      const op = n.opType ?? '';
      // control flow stays fp32 at its boundary: subgraph inputs/outputs keep their declared types, the bodies are converted
      if (holdsSubgraph(n)) return;
      if (!(op in SHAPE_RULES)) throw new HintedError(`${variant}: ${describeNode(n, i)} has no type rule in the forge, so its fp16 form is unknown`, 'add the node to keepNodes is not enough here: export the model with standard ops, or forge another variant');
      if (!n.input.some(isFloat) && !n.output.some(isFloat)) return;
      const label = n.name || `#${i}`;
      if (ALWAYS_FP32[op]) skipped.push({ node: label, op, reason: ALWAYS_FP32[op]! });
      else if (blockList.has(op)) skipped.push({ node: label, op, reason: 'op in the fp16 block list' });
      else if (keepNodes.has(n.name ?? '')) skipped.push({ node: label, op, reason: 'node in keepNodes' });
      else {
        const big = largestWeight(scope, n);
        if (big > FP16_MAX && !options.clampOverflow) skipped.push({ node: label, op, reason: `a weight of magnitude ${big.toExponential(2)} exceeds the fp16 range (±65504)` });
        else converted.add(n);
      }
    });
  }

  // graph (and subgraph) outputs computed in fp16 are renamed; a Cast back to fp32 takes the original name
  const outputCasts: [GraphIndex, string, string][] = [];
  const precisionOf = new Map<string, Precision>();
  for (const scope of scopes) {
    for (const n of scope.graph.node) {
      for (let k = 0; k < n.output.length; k++) {
        const o = n.output[k]!;
        if (!isFloat(o)) continue;
        const prec: Precision = converted.has(n) ? 'fp16' : 'fp32';
        if (prec === 'fp16' && scope.graphOutputs.has(o)) {
          const inner = scope.freshName(`${o}/fp16`);
          for (const c of scope.readersAnywhere(o)) c.node.input[c.index] = inner;
          n.output[k] = inner;
          outputCasts.push([scope, inner, o]);
          precisionOf.set(inner, 'fp16');
        } else precisionOf.set(o, prec);
      }
      if (converted.has(n) && n.opType === 'Cast' && getAttribute(n, 'to') === DataType.FLOAT) setAttr(n, 'to', int(DataType.FLOAT16));
      if (converted.has(n) && n.opType === 'ConstantOfShape') {
        const t = getAttribute(n, 'value') as ITensorProto | undefined;
        if (t?.dataType === DataType.FLOAT) setAttr(n, 'value', tensorAttr(makeTensor('', DataType.FLOAT16, [1], float32ToFloat16(readFloat32(t)).bits)));
      }
    }
  }
  index.refresh();

  const wantOf = (n: NodeProto, k: number): Precision => (converted.has(n) && !(FP32_INPUTS[n.opType ?? ''] ?? []).includes(k) ? 'fp16' : 'fp32');
  // which precision each tensor's readers want, over all graphs (a subgraph may read an outer weight)
  const wants = new Map<string, Set<Precision>>();
  for (const scope of scopes) {
    for (const n of scope.graph.node) {
      n.input.forEach((x, k) => {
        if (!isFloat(x) && !precisionOf.has(x)) return;
        if (!wants.has(x)) wants.set(x, new Set());
        wants.get(x)!.add(wantOf(n, k));
      });
    }
    // a (sub)graph output keeps its declared float32, also when it is an initializer
    for (const o of scope.graphOutputs) if (isFloat(o)) (wants.get(o) ?? wants.set(o, new Set()).get(o)!).add('fp32');
  }

  let clamped = 0;
  let initializersConverted = 0;
  // `${tensor}|${precision}` → per graph, the tensor name holding that version (visible in that graph and below)
  const versions = new Map<GraphIndex, Map<string, string>>(scopes.map((s) => [s, new Map()]));
  const added = new Map<GraphIndex, NodeProto[]>(scopes.map((s) => [s, []]));
  for (const scope of scopes) {
    for (const t of [...scope.graph.initializer]) {
      const name = t.name ?? '';
      const w = wants.get(name);
      if (t.dataType !== DataType.FLOAT || !w?.has('fp16')) continue;
      const half = float32ToFloat16(readFloat32(t));
      clamped += half.clamped;
      initializersConverted++;
      const fp16 = makeTensor(name, DataType.FLOAT16, (t.dims ?? []).map(Number), half.bits);
      if (w.has('fp32')) {
        const copy = scope.freshName(`${name}/fp16`);
        scope.addInitializer({ ...fp16, name: copy });
        versions.get(scope)!.set(`${name}|fp16`, copy);
      } else {
        Object.assign(t, { dataType: DataType.FLOAT16, rawData: fp16.rawData, floatData: [] });
        precisionOf.set(name, 'fp16');
      }
    }
    for (const name of scope.graphInputs) if (isFloat(name)) precisionOf.set(name, 'fp32');
    for (const name of scope.initializers.keys()) if (!precisionOf.has(name) && isFloat(name)) precisionOf.set(name, 'fp32');
  }

  let casts = 0;
  // a Cast goes into the graph of the node that needs it: valid for outer tensors too, and never seen by a sibling branch
  const versionOf = (scope: GraphIndex, x: string, want: Precision): string => {
    if ((precisionOf.get(x) ?? 'fp32') === want) return x;
    const key = `${x}|${want}`;
    for (let s: GraphIndex | undefined = scope; s; s = s.parent) {
      const v = versions.get(s)!.get(key);
      if (v) return v;
    }
    const name = scope.freshName(`${x}/${want}`);
    added.get(scope)!.push(castNode(scope.freshName(`${x}/to_${want}`), x, name, want));
    versions.get(scope)!.set(key, name);
    casts++;
    return name;
  };
  for (const [n, scope] of scopeOf) {
    n.input.forEach((x, k) => {
      if (precisionOf.has(x)) n.input[k] = versionOf(scope, x, wantOf(n, k));
    });
  }
  for (const [scope, inner, outer] of outputCasts) added.get(scope)!.push(castNode(scope.freshName(`${outer}/to_fp32`), inner, outer, 'fp32'));
  for (const [scope, nodes] of added) scope.graph.node.push(...nodes);
  index.refresh();
  const halfNames = [...precisionOf.entries()].filter(([, v]) => v === 'fp16').map(([k]) => k);
  for (const scope of scopes) dropValueInfo({ ...p, index: scope }, halfNames);

  const effective = { blockList: [...blockList].sort(), keepNodes: [...keepNodes].sort(), clampOverflow: options.clampOverflow ?? false };
  const out = finishModel(p, variant, effective);
  const changes = [
    `${converted.size} node(s) computed in fp16, ${skipped.length} kept in fp32`,
    `${initializersConverted} initializer(s) stored as fp16`,
    `${casts + outputCasts.length} Cast node(s) inserted (graph inputs/outputs stay float32${scopes.length > 1 ? '; so do the inputs/outputs of If/Loop/Scan subgraphs' : ''})`,
  ];
  if (clamped > 0) changes.push(`${clamped} weight value(s) beyond ±65504 clamped to the fp16 range`);
  return { bytes: out, report: { variant, options: effective, base, accounting: await accountModel(out, { inputShapes: options.inputShapes }), changes, skipped } };
}

function castNode(name: string, input: string, output: string, to: Precision): NodeProto {
  return onnx.NodeProto.create({ name, opType: 'Cast', input: [input], output: [output], attribute: [makeAttribute('to', int(to === 'fp16' ? DataType.FLOAT16 : DataType.FLOAT))] });
}

function setAttr(n: NodeProto, name: string, value: Parameters<typeof makeAttribute>[1]): void {
  n.attribute = [...n.attribute.filter((a) => a.name !== name), makeAttribute(name, value)] as never;
}

import { getAttribute } from '../onnx/attributes.js';
import { DataType, type NodeProto } from '../onnx/proto.js';
import { float32Tensor, readTensor } from '../onnx/tensor.js';
import type { GraphIndex } from './graph-index.js';
import { RECURRENT_OPS } from './quant-recurrent.js';
import { sliceValues, transposeValues } from './value-ops.js';

/** A constant evaluated here: float data (or small integers such as axes) with its shape. */
interface Folded {
  data: Float32Array | number[];
  dims: number[];
  /** the innermost graph holding a constant it came from: visible to every reader of the result */
  home?: GraphIndex;
}

const MOVEMENT = new Set(['Slice', 'Concat', 'Unsqueeze', 'Squeeze', 'Reshape', 'Transpose', 'Identity']);

/**
 * Recurrent weights that an exporter assembles from constants at run time (Silero v5 reorders
 * PyTorch's gates with Slice → Concat → Unsqueeze on a Constant) become initializers, so int8 and
 * pruning see them as stored weights. Only data movement is evaluated (values unchanged), only
 * for LSTM/GRU/RNN W, R and B; the chains left without readers are removed. Returns how many.
 */
export function foldRecurrentWeights(root: GraphIndex): number {
  let folded = 0;
  // two LSTMs (an If's branches) assembling the same weight from one constant share one initializer
  const made = new Map<GraphIndex, Map<string, string>>();
  const cache = new Map<string, Folded | undefined>();
  // every evaluated node; only those left without readers are removed below
  const used: NodeProto[] = [];
  for (const scope of root.scopes()) {
    for (const n of scope.graph.node) {
      if (!RECURRENT_OPS.has(n.opType ?? '') || n.domain) continue;
      for (const k of [1, 2, 3]) {
        const name = n.input[k];
        if (!name || scope.findInitializer(name)) continue;
        const v = evaluate(scope, name, used, cache);
        if (!v || !(v.data instanceof Float32Array)) continue;
        const home = v.home ?? scope;
        const key = contentKey(v);
        const byKey = made.get(home) ?? made.set(home, new Map()).get(home)!;
        let init = byKey.get(key);
        if (!init) byKey.set(key, (init = home.addInitializer(float32Tensor(home.freshName(`${name}/folded`), v.dims, v.data))));
        n.input[k] = init;
        folded++;
      }
    }
  }
  if (folded === 0) return 0;
  const chains = new Set(used);
  root.refresh();
  // drop the evaluated chains nothing reads any more (their constants go with dropUnusedInitializers)
  for (let changed = true; changed; ) {
    changed = false;
    const scopes = root.scopes();
    const read = new Set(scopes.flatMap((s) => [...s.graph.node.flatMap((n) => n.input), ...s.graphOutputs]));
    for (const scope of scopes) {
      const before = scope.graph.node.length;
      scope.graph.node = scope.graph.node.filter((n) => !chains.has(n) || n.output.some((o) => read.has(o)));
      if (scope.graph.node.length !== before) changed = true;
    }
  }
  root.refresh();
  return folded;
}

/** The value of `name` if data movement over constants computes it; results cached by name (names are unique model-wide). */
function evaluate(scope: GraphIndex, name: string, used: NodeProto[], cache: Map<string, Folded | undefined>, depth = 0): Folded | undefined {
  if (cache.has(name)) return cache.get(name);
  const v = evaluateOnce(scope, name, used, cache, depth);
  cache.set(name, v);
  return v;
}

function evaluateOnce(scope: GraphIndex, name: string, used: NodeProto[], cache: Map<string, Folded | undefined>, depth: number): Folded | undefined {
  const init = scope.findInitializer(name)?.tensor;
  if (init) {
    const t = readTensor(init);
    if (t.dataType === DataType.FLOAT) return { data: t.data as Float32Array, dims: t.dims, home: scope.findInitializer(name)!.scope };
    if (t.dataType === DataType.INT64 && t.data.length <= 64) return { data: Array.from(t.data as BigInt64Array, Number), dims: t.dims };
    return undefined;
  }
  let s: GraphIndex | undefined = scope;
  let node: NodeProto | undefined;
  while (s && !(node = s.producer.get(name))) s = s.parent;
  if (!node || !s || depth > 16 || !MOVEMENT.has(node.opType ?? '') || node.domain) return undefined;
  const ins = node.input.map((x) => (x ? evaluate(s!, x, used, cache, depth + 1) : undefined));
  if (node.input.some((x, i) => x && !ins[i])) return undefined;
  const out = apply(node, ins);
  if (!out) return undefined;
  used.push(node);
  const homes = ins.flatMap((i) => (i?.home ? [i.home] : []));
  return { ...out, home: homes.sort((a, b) => depthOf(b) - depthOf(a))[0] };
}

const depthOf = (s: GraphIndex): number => (s.parent ? 1 + depthOf(s.parent) : 0);

/** Shape and a 32-bit FNV-1a hash of the float bits: equal weights, equal key. */
function contentKey(v: Folded): string {
  const bits = new Uint32Array((v.data as Float32Array).slice().buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < bits.length; i++) h = Math.imul(h ^ bits[i]!, 0x01000193) >>> 0;
  return `${v.dims.join('x')}:${bits.length}:${h}`;
}

function apply(node: NodeProto, ins: (Folded | undefined)[]): Folded | undefined {
  const x = ins[0]!;
  const ints = (i: number, attr: string) => (ins[i] ? (ins[i]!.data as number[]) : (getAttribute(node, attr) as number[] | undefined));
  const norm = (a: number, rank: number) => (a < 0 ? a + rank : a);
  switch (node.opType) {
    case 'Identity':
      return x;
    case 'Unsqueeze': {
      const axes = (ints(1, 'axes') ?? []).map((a) => norm(a, x.dims.length + (ints(1, 'axes')?.length ?? 0))).sort((a, b) => a - b);
      const dims = [...x.dims];
      for (const a of axes) dims.splice(a, 0, 1);
      return { data: x.data, dims };
    }
    case 'Squeeze': {
      const axes = (ints(1, 'axes') ?? x.dims.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)).map((a) => norm(a, x.dims.length));
      return { data: x.data, dims: x.dims.filter((_, i) => !axes.includes(i)) };
    }
    case 'Reshape': {
      const target = ins[1]?.data as number[] | undefined;
      if (!target || target.includes(0)) return undefined;
      const n = x.dims.reduce((a, d) => a * d, 1);
      const known = target.filter((d) => d !== -1).reduce((a, d) => a * d, 1);
      return { data: x.data, dims: target.map((d) => (d === -1 ? n / known : d)) };
    }
    case 'Transpose': {
      const perm = (getAttribute(node, 'perm') as number[] | undefined) ?? x.dims.map((_, i) => x.dims.length - 1 - i);
      const v = transposeValues(x.data, x.dims, perm);
      return v ? { data: Float32Array.from(v), dims: perm.map((p) => x.dims[p]!) } : undefined;
    }
    case 'Concat': {
      const axis = norm(Number(getAttribute(node, 'axis') ?? 0), x.dims.length);
      const parts = ins as Folded[];
      const dims = [...x.dims];
      dims[axis] = parts.reduce((a, p) => a + p.dims[axis]!, 0);
      const outer = x.dims.slice(0, axis).reduce((a, d) => a * d, 1);
      const data: number[] = [];
      for (let o = 0; o < outer; o++) for (const p of parts) {
        const block = p.dims.slice(axis).reduce((a, d) => a * d, 1);
        for (let i = 0; i < block; i++) data.push(p.data[o * block + i]!);
      }
      return { data: x.data instanceof Float32Array ? Float32Array.from(data) : data, dims };
    }
    case 'Slice': {
      const [starts, ends] = [ins[1]?.data as number[], ins[2]?.data as number[]];
      if (!starts || !ends) return undefined;
      const axes = (ins[3]?.data as number[] | undefined) ?? starts.map((_, i) => i);
      const steps = (ins[4]?.data as number[] | undefined) ?? starts.map(() => 1);
      const dims = [...x.dims];
      const ranges: ([number, number, number] | undefined)[] = [];
      axes.forEach((a0, i) => {
        const a = norm(a0, dims.length);
        const d = x.dims[a]!;
        const step = steps[i]!;
        const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
        const s = step > 0 ? clamp(starts[i]! < 0 ? starts[i]! + d : starts[i]!, 0, d) : clamp(starts[i]! < 0 ? starts[i]! + d : starts[i]!, 0, d - 1);
        const e = step > 0 ? clamp(ends[i]! < 0 ? ends[i]! + d : ends[i]!, 0, d) : clamp(ends[i]! < 0 ? ends[i]! + d : ends[i]!, -1, d - 1);
        dims[a] = Math.max(0, Math.ceil((e - s) / step));
        ranges[a] = [s, e, step];
      });
      const v = sliceValues(x.data, x.dims, dims, ranges);
      return v ? { data: x.data instanceof Float32Array ? Float32Array.from(v) : v, dims } : undefined;
    }
  }
  return undefined;
}


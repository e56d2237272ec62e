import { getAttribute } from '../onnx/attributes.js';
import type { NodeProto } from '../onnx/proto.js';
import { describeNode } from './graph-index.js';
import type { PreparedModel } from './prepare-model.js';
import { attrInt, normAxis, type TensorInfo } from './tensor-info.js';

/**
 * Dependency groups for structured pruning (the DepGraph idea): every tensor that carries the
 * output channels of some Conv/Gemm/MatMul is mapped to a group, and tensors whose channels must
 * stay aligned (a residual Add, a squeeze-excite Mul, a depthwise conv) share one group. Each
 * group lists the weight slices pruning it implies — producers cut along their output axis,
 * consumers along their input axis, per-channel parameters (bias, BatchNorm, depthwise weights)
 * along theirs. A group any op consumes in a way not understood here is frozen, with the reason.
 */
export interface SliceAction {
  node: NodeProto;
  inputIndex: number;
  /** axis of the initializer to cut */
  axis: number;
}

export interface Producer {
  node: NodeProto;
  weight: string;
  /** output-channel axis of the weight */
  axis: number;
}

export interface ChannelGroup {
  id: number;
  size: number;
  producers: Producer[];
  actions: SliceAction[];
  /** depthwise convs whose `group` attribute must follow the channel count */
  depthwise: NodeProto[];
  /** tensors carrying the group's channels (their value_info goes stale) */
  tensors: string[];
  frozen?: string;
}

const PRESERVING = new Set([
  'Relu', 'LeakyRelu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Erf', 'Elu', 'Selu', 'Celu', 'Softplus', 'Softsign', 'Gelu',
  'Mish', 'Identity', 'Clip', 'Abs', 'Neg', 'Sqrt', 'Exp', 'Dropout', 'Cast', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'GlobalMaxPool',
  'Resize', 'Upsample', 'BatchNormalization', 'InstanceNormalization',
]);
const ELEMENTWISE = new Set(['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min', 'Sum']);
/** per-channel parameter inputs of preserving ops (cut along axis 0) */
const CHANNEL_PARAMS: Readonly<Record<string, readonly number[]>> = { BatchNormalization: [1, 2, 3, 4], InstanceNormalization: [1, 2] };

export function findChannelGroups(p: PreparedModel, tensors: Map<string, TensorInfo>): ChannelGroup[] {
  const { index } = p;
  const groups: ChannelGroup[] = [];
  const parent: number[] = [];
  const find = (g: number): number => (parent[g] === g ? g : (parent[g] = find(parent[g]!)));
  const member = new Map<string, { group: number; axis: number }>();
  const rankOf = (t: string) => tensors.get(t)?.shape?.length;
  const dimsOf = (t: string) => (index.initializers.get(t)?.dims ?? []).map(Number);
  const isInit = (t: string) => index.initializers.has(t);

  const newGroup = (size: number, producer: Producer, out: string, axis: number): ChannelGroup => {
    const g: ChannelGroup = { id: groups.length, size, producers: [producer], actions: [], depthwise: [], tensors: [out] };
    groups.push(g);
    parent.push(g.id);
    member.set(out, { group: g.id, axis });
    return g;
  };
  const grp = (id: number) => groups[find(id)]!;
  const freeze = (id: number, why: string) => void (grp(id).frozen ??= why);
  const union = (a: number, b: number, why: string): number => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return ra;
    const [ga, gb] = [groups[ra]!, groups[rb]!];
    if (ga.size !== gb.size) {
      freeze(ra, why);
      freeze(rb, why);
    }
    parent[rb] = ra;
    ga.producers.push(...gb.producers);
    ga.actions.push(...gb.actions);
    ga.depthwise.push(...gb.depthwise);
    ga.tensors.push(...gb.tensors);
    if (gb.frozen) ga.frozen ??= gb.frozen;
    return ra;
  };
  const join = (t: string, id: number, axis: number) => {
    member.set(t, { group: id, axis });
    grp(id).tensors.push(t);
  };

  index.graph.node.forEach((node, pos) => {
    const op = node.opType ?? '';
    const where = describeNode(node, pos);
    const grouped = node.input.map((x) => member.get(x));
    const freezeAll = (why: string) => grouped.forEach((m) => m && freeze(m.group, why));
    const x = grouped[0];
    const out = node.output[0] ?? '';
    if (op === 'Conv' && isInit(node.input[1] ?? '') && grouped.slice(1).every((m) => !m)) {
      const w = dimsOf(node.input[1]!);
      const group = attrInt(node, 'group', 1);
      const bias = node.input[2] && isInit(node.input[2]) ? 2 : undefined;
      if (node.input[2] && bias === undefined) return freezeAll(`${where} has a computed bias`);
      if (group === 1) {
        if (x) grp(x.group).actions.push({ node, inputIndex: 1, axis: 1 });
        const g = newGroup(w[0]!, { node, weight: node.input[1]!, axis: 0 }, out, 1);
        g.actions.push({ node, inputIndex: 1, axis: 0 });
        if (bias) g.actions.push({ node, inputIndex: 2, axis: 0 });
      } else if (x && w[1] === 1 && w[0] === group && grp(x.group).size === group) {
        const g = grp(x.group);
        g.actions.push({ node, inputIndex: 1, axis: 0 });
        if (bias) g.actions.push({ node, inputIndex: 2, axis: 0 });
        g.depthwise.push(node);
        join(out, g.id, 1);
      } else freezeAll(`${where} is a grouped convolution`);
      return;
    }
    if ((op === 'Gemm' || op === 'MatMul') && isInit(node.input[1] ?? '') && !isInit(node.input[0] ?? '') && dimsOf(node.input[1]!).length === 2 && !grouped[1] && !grouped[2]) {
      const transB = op === 'Gemm' && getAttribute(node, 'transB') === 1;
      if (op === 'Gemm' && getAttribute(node, 'transA') === 1) return freezeAll(`${where} has transA = 1`);
      const rank = rankOf(node.input[0]!);
      if (x && (rank === undefined || x.axis !== rank - 1)) return freezeAll(`${where} reduces over an axis that is not the channel axis`);
      if (x) grp(x.group).actions.push({ node, inputIndex: 1, axis: transB ? 1 : 0 });
      const n = dimsOf(node.input[1]!)[transB ? 0 : 1]!;
      const outRank = rankOf(out);
      if (outRank === undefined) return;
      const g = newGroup(n, { node, weight: node.input[1]!, axis: transB ? 0 : 1 }, out, outRank - 1);
      g.actions.push({ node, inputIndex: 1, axis: transB ? 0 : 1 });
      if (op === 'Gemm' && node.input[2]) {
        const c = dimsOf(node.input[2]);
        if (!isInit(node.input[2])) freeze(g.id, `${where} has a computed C`);
        else if (c[c.length - 1] === n) g.actions.push({ node, inputIndex: 2, axis: c.length - 1 });
      }
      return;
    }
    if (!grouped.some(Boolean)) return;
    if (PRESERVING.has(op) && x && grouped.slice(1).every((m) => !m)) {
      const g = grp(x.group);
      for (const i of CHANNEL_PARAMS[op] ?? []) {
        if (!node.input[i]) continue;
        if (!isInit(node.input[i]!)) return freezeAll(`${where} has computed per-channel parameters`);
        g.actions.push({ node, inputIndex: i, axis: 0 });
      }
      if ((op === 'Resize' || op === 'Upsample') && node.input.length > 3 && node.input[3]) return freezeAll(`${where} resizes to fixed sizes`);
      if (x.axis !== 1 && (op.includes('Pool') || CHANNEL_PARAMS[op] || op === 'Resize')) return freezeAll(`${where} treats axis 1 as channels, the group's channels are on axis ${x.axis}`);
      return join(out, g.id, x.axis);
    }
    if (op === 'Flatten' && x && x.axis === 1 && normAxis(attrInt(node, 'axis', 1), rankOf(node.input[0]!) ?? 2) === 1) {
      const s = tensors.get(node.input[0]!)?.shape;
      if (s && s.slice(2).every((d) => d === 1)) return join(out, x.group, 1);
      return freezeAll(`${where} mixes channels with spatial positions`);
    }
    if (ELEMENTWISE.has(op)) {
      const outRank = rankOf(out);
      if (outRank === undefined) return freezeAll(`${where}: output rank unknown`);
      let gid: number | undefined;
      let outAxis: number | undefined;
      for (const m of grouped) {
        if (!m) continue;
        const r = rankOf(node.input[grouped.indexOf(m)]!) ?? outRank;
        const a = m.axis + (outRank - r);
        if (outAxis !== undefined && a !== outAxis) return freezeAll(`${where} aligns channels on different axes`);
        outAxis = a;
        gid = gid === undefined ? find(m.group) : union(gid, m.group, `${where} joins groups of different widths`);
      }
      const g = grp(gid!);
      for (let i = 0; i < node.input.length; i++) {
        if (grouped[i]) continue;
        const t = node.input[i]!;
        const shape = isInit(t) ? dimsOf(t) : tensors.get(t)?.shape;
        if (!shape) return freezeAll(`${where}: shape of "${t}" unknown`);
        const a = outAxis! - (outRank - shape.length);
        const d = a >= 0 ? shape[a] : 1;
        if (d === 1) continue;
        if (isInit(t) && d === g.size) g.actions.push({ node, inputIndex: i, axis: a });
        else return freezeAll(`${where} combines the channels with "${t}", which is not pruned with them`);
      }
      return join(out, g.id, outAxis!);
    }
    freezeAll(`${where} consumes the channels`);
  });
  for (const o of index.graphOutputs) {
    const m = member.get(o);
    if (m) freeze(m.group, `graph output "${o}" keeps its shape`);
  }
  // a subgraph reading a tensor by name (outer scope) would see the old channel count
  for (const [t, m] of member) {
    const inner = index.readersAnywhere(t).find((r) => r.scope !== index);
    if (!inner) continue;
    let s = inner.scope;
    while (s.parent && s.parent !== index) s = s.parent;
    freeze(m.group, `${describeNode(s.owner!)} reads "${t}" inside its subgraph: channels are not cut across a subgraph boundary`);
  }
  return groups.filter((g) => find(g.id) === g.id);
}

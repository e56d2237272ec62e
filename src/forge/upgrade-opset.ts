import { HintedError } from '../core/serialized-error.js';
import { getAttribute, int, makeAttribute, str } from '../onnx/attributes.js';
import { DataType, type NodeProto, onnx } from '../onnx/proto.js';
import { float32Tensor, int64Tensor } from '../onnx/tensor.js';
import { describeNode } from './graph-index.js';
import { inferShapes, SHAPE_RULES } from './infer-shapes.js';
import type { PreparedModel } from './prepare-model.js';

/**
 * Raise a model's default-domain opset to `target` (≤ 17) when a variant needs ops the model's
 * opset lacks (DynamicQuantizeLinear: 11, per-channel QuantizeLinear: 13). An opset is a
 * contract for every node, so ops whose meaning changed on the way are rewritten (attributes
 * that became inputs, Softmax's axis semantics, Upsample → Resize); an op with no rule here
 * stops the upgrade with its name instead of silently changing meaning. Returns what changed.
 */
export function upgradeOpset(p: PreparedModel, target: number, variant: string): string[] {
  if (p.opset >= target) return [];
  if (p.opset < 7) {
    throw new HintedError(`${variant}: the model uses opset ${p.opset}; the forge upgrades from opset 7 on`, 'convert the model to a newer opset with onnx.version_converter first');
  }
  if (p.index.children.length > 0) {
    throw new HintedError(`${variant}: the model has control flow (If/Loop/Scan) and opset ${p.opset}; the forge upgrades opsets of flat graphs only, and the variant needs ${target}`, `export the model at opset ${target} or later`);
  }
  const rewritten = new Map<string, number>();
  const note = (op: string, what: string) => rewritten.set(`${op}: ${what}`, (rewritten.get(`${op}: ${what}`) ?? 0) + 1);
  const tensors = inferShapes(p.index).tensors;
  const from = p.opset;
  const crosses = (v: number) => from < v && target >= v;
  const g = p.index.graph;
  const added: NodeProto[] = [];
  const constInt = (base: string, values: number[], dims = [values.length]) => p.index.addInitializer(int64Tensor(p.index.freshName(base), dims, values));
  const dropAttr = (n: NodeProto, ...names: string[]) => (n.attribute = n.attribute.filter((a) => !names.includes(a.name ?? '')) as never);

  g.node.forEach((n, i) => {
    const op = n.opType ?? '';
    const where = describeNode(n, i);
    if (!(op in SHAPE_RULES) && op !== 'Constant') {
      throw new HintedError(`${variant}: ${where} blocks the opset upgrade ${from} → ${target} the variant needs: the forge has no rule for it`, 'export the model at opset 13 or later');
    }
    if (op === 'Clip' && crosses(11)) {
      const lo = getAttribute(n, 'min');
      const hi = getAttribute(n, 'max');
      if (tensors.get(n.input[0] ?? '')?.dtype !== DataType.FLOAT) throw new HintedError(`${variant}: ${where}: only float32 Clip can be upgraded`, 'export the model at opset 11 or later');
      const mk = (v: unknown, base: string) => (typeof v === 'number' ? p.index.addInitializer(float32Tensor(p.index.freshName(base), [], Float32Array.of(v))) : '');
      n.input = [n.input[0]!, mk(lo, `${n.name || 'clip'}/min`), mk(hi, `${n.name || 'clip'}/max`)];
      while (n.input.length > 1 && n.input[n.input.length - 1] === '') n.input.pop();
      dropAttr(n, 'min', 'max');
      note(op, `min/max attributes → inputs (opset 11)`);
    } else if (op === 'Slice' && crosses(10)) {
      const starts = getAttribute(n, 'starts') as number[];
      const ends = getAttribute(n, 'ends') as number[];
      const axes = (getAttribute(n, 'axes') as number[] | undefined) ?? starts.map((_, k) => k);
      const base = n.name || 'slice';
      n.input = [n.input[0]!, constInt(`${base}/starts`, starts), constInt(`${base}/ends`, ends), constInt(`${base}/axes`, axes)];
      dropAttr(n, 'starts', 'ends', 'axes');
      note(op, `starts/ends/axes attributes → inputs (opset 10)`);
    } else if ((op === 'Squeeze' || op === 'Unsqueeze' || op === 'ReduceSum') && crosses(13)) {
      const axes = getAttribute(n, 'axes') as number[] | undefined;
      if (axes) n.input = [n.input[0]!, constInt(`${n.name || op}/axes`, axes)];
      dropAttr(n, 'axes');
      note(op, `axes attribute → input (opset 13)`);
    } else if (op === 'Split' && crosses(13)) {
      const split = getAttribute(n, 'split') as number[] | undefined;
      if (split) n.input = [n.input[0]!, constInt(`${n.name || op}/split`, split)];
      dropAttr(n, 'split');
      note(op, `split attribute → input (opset 13)`);
    } else if (op === 'Pad' && crosses(11)) {
      const pads = (getAttribute(n, 'pads') ?? getAttribute(n, 'paddings')) as number[];
      const value = getAttribute(n, 'value');
      n.input = [n.input[0]!, constInt(`${n.name || 'pad'}/pads`, pads)];
      if (typeof value === 'number' && value !== 0) n.input.push(p.index.addInitializer(float32Tensor(p.index.freshName(`${n.name || 'pad'}/value`), [], Float32Array.of(value))));
      dropAttr(n, 'pads', 'paddings', 'value');
      note(op, `pads/value attributes → inputs (opset 11)`);
    } else if ((op === 'Softmax' || op === 'LogSoftmax' || op === 'Hardmax') && crosses(13)) {
      const rank = tensors.get(n.input[0] ?? '')?.shape?.length;
      if (rank === undefined) throw new HintedError(`${variant}: ${where}: its input rank is unknown, so its pre-13 axis cannot be translated`, 'export the model at opset 13 or later');
      const raw = getAttribute(n, 'axis');
      const axis = typeof raw === 'number' ? (raw < 0 ? raw + rank : raw) : 1;
      if (axis === rank - 1) {
        dropAttr(n, 'axis');
        n.attribute.push(makeAttribute('axis', int(-1)) as never);
      } else {
        // before opset 13 the op normalised over all axes from `axis` on: Flatten → op → Reshape back
        const x = n.input[0]!;
        const y = n.output[0]!;
        const flat = p.index.freshName(`${x}/flat`);
        const soft = p.index.freshName(`${y}/flat`);
        const shape = p.index.freshName(`${x}/shape`);
        added.push(onnx.NodeProto.create({ name: p.index.freshName(`${n.name || op}/flatten`), opType: 'Flatten', input: [x], output: [flat], attribute: [makeAttribute('axis', int(axis))] }));
        added.push(onnx.NodeProto.create({ name: p.index.freshName(`${n.name || op}/shape`), opType: 'Shape', input: [x], output: [shape] }));
        added.push(onnx.NodeProto.create({ name: p.index.freshName(`${n.name || op}/reshape`), opType: 'Reshape', input: [soft, shape], output: [y] }));
        n.input = [flat];
        n.output = [soft];
        dropAttr(n, 'axis');
        n.attribute.push(makeAttribute('axis', int(-1)) as never);
      }
      note(op, `axis semantics of opset 13 made explicit`);
    } else if ((op === 'Upsample' && crosses(10)) || (op === 'Resize' && crosses(11))) {
      const mode = (getAttribute(n, 'mode') as string | undefined) ?? 'nearest';
      n.opType = 'Resize';
      n.input = [n.input[0]!, '', n.input[1]!];
      dropAttr(n, 'mode', 'scales');
      n.attribute.push(makeAttribute('mode', str(mode)) as never, makeAttribute('coordinate_transformation_mode', str('asymmetric')) as never);
      if (mode === 'nearest') n.attribute.push(makeAttribute('nearest_mode', str('floor')) as never);
      note(op, `→ Resize (opset 11) with the asymmetric/floor semantics of ${op}-${from}`);
    } else if (op === 'Dropout' && crosses(12)) {
      if (n.output[1] && (p.index.consumersOf(n.output[1]).length > 0 || p.index.graphOutputs.has(n.output[1]))) {
        throw new HintedError(`${variant}: ${where}: its mask output is used, which the opset upgrade cannot keep`, 'export the model in inference mode (no Dropout masks)');
      }
      n.opType = 'Identity';
      n.output = [n.output[0]!];
      n.attribute = [] as never;
      note(op, `inference-mode Dropout → Identity`);
    } else if (op === 'BatchNormalization' && getAttribute(n, 'spatial') !== undefined) {
      if (getAttribute(n, 'spatial') !== 1) throw new HintedError(`${variant}: ${where}: non-spatial BatchNormalization has no later-opset form`, 'export the model at opset 9 or later');
      dropAttr(n, 'spatial', 'is_test', 'consumed_inputs');
    }
  });
  g.node.push(...added);
  const entry = p.model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  if (entry) entry.version = target as never;
  p.opset = target;
  if (p.model.irVersion !== undefined && Number(p.model.irVersion) < 7) p.model.irVersion = 7 as never;
  p.index.refresh();
  return [`opset ${from} → ${target}`, ...[...rewritten.entries()].map(([what, n]) => `${n} × ${what}`)];
}

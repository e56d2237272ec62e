import type { ModelAccounting } from '../core/model-manifest.js';
import { sha256Hex } from '../forge/sha256.js';
import { probeTensorShapes } from './probe-tensor-shapes.js';
import { parseTensorRef, tensorKey } from './tfjs-attrs.js';
import { concatBytes, serializeTfjsModel, type TfjsModelFiles, weightEntries } from './tfjs-model-files.js';
import { NOT_COMPUTE, TFJS_FLOPS_METHOD, tfjsOpCost } from './tfjs-op-costs.js';
import { decodeWeightValues, storedDtype, weightSlices } from './tfjs-weight-codec.js';

export interface TfjsAccountOptions {
  /** shape per graph input (Placeholder name, ":0" optional); unnamed inputs use their declared shape with batch 1 */
  inputShapes: Record<string, number[]>;
}

type OpRow = NonNullable<ModelAccounting['opsCounted']>[number];

/**
 * The manifest's accounting of a TF.js graph model: params and precision from the weights as
 * stored, MACs/FLOPs per inference from per-op rules over the graph with shapes from one run on
 * the cpu backend, bytes and sha256 of the files serializeTfjsModel writes.
 */
export async function accountTfjsGraphModel(files: TfjsModelFiles, opts: TfjsAccountOptions): Promise<ModelAccounting> {
  const { json, weights } = serializeTfjsModel(files);
  const probe = await probeTensorShapes(files, { inputShapes: opts.inputShapes });
  const compute = countCompute(files, probe.shapes);
  const stored = countWeights(files);

  const notes = [...probe.notes];
  notes.push('params count the elements of floating-point weights; int32 constants (shapes, paddings, axes) are not counted');
  notes.push('TF.js dequantises stored weights to float32 when it loads the model: all compute is float32, whatever the storage dtype');
  if (stored.quantizationParams > 0) notes.push(`quantizationParams: a scale and a min per uint8/uint16 weight tensor, stored in model.json`);
  if (compute.unknownOps.length > 0) notes.push(`no counting rule for ${compute.unknownOps.join(', ')}: MACs/FLOPs leave them out (lower bounds)`);
  if (compute.uncounted > 0) notes.push(`${compute.uncounted} node(s) not counted because a shape they need is unknown`);

  return {
    params: stored.params,
    macs: compute.macs,
    flops: compute.flops,
    flopsMethod: TFJS_FLOPS_METHOD,
    bytes: { tfjs: json.byteLength + weights.byteLength },
    sha256: { tfjs: await sha256Hex(concatBytes([json, weights])) },
    quantizationParams: stored.quantizationParams,
    nonZeroParams: stored.nonZero,
    sparsity: stored.params > 0 ? 1 - stored.nonZero / stored.params : 0,
    complete: compute.unknownOps.length === 0 && compute.uncounted === 0,
    unknownOps: compute.unknownOps,
    opsCounted: compute.rows,
    macsByDtype: compute.macs > 0 ? { float32: compute.macs } : {},
    precisionMix: stored.mix,
    notes,
  };
}

function countCompute(files: TfjsModelFiles, shapes: Map<string, number[]>): { macs: number; flops: number; rows: OpRow[]; unknownOps: string[]; uncounted: number } {
  const rows = new Map<string, OpRow>();
  const unknown = new Set<string>();
  let macs = 0;
  let flops = 0;
  let uncounted = 0;
  for (const node of files.modelJson.modelTopology.node) {
    if (NOT_COMPUTE.has(node.op)) continue;
    const ins = (node.input ?? []).flatMap((ref) => {
      const t = parseTensorRef(ref);
      return t ? [shapes.get(tensorKey(t.node, t.index))] : [];
    });
    const cost = tfjsOpCost(node, ins, shapes.get(tensorKey(node.name, 0)));
    if (cost.state === 'no-rule') {
      unknown.add(cost.op);
      continue;
    }
    if (cost.state === 'no-shape') {
      uncounted++;
      continue;
    }
    macs += cost.macs;
    flops += cost.flops;
    const row = rows.get(node.op) ?? { opType: node.op, nodes: 0, macs: 0, flops: 0 };
    row.nodes++;
    row.macs += cost.macs;
    row.flops += cost.flops;
    rows.set(node.op, row);
  }
  const sorted = [...rows.values()].sort((a, b) => (a.opType < b.opType ? -1 : a.opType > b.opType ? 1 : 0));
  return { macs, flops, rows: sorted, unknownOps: [...unknown].sort(), uncounted };
}

function countWeights(files: TfjsModelFiles): { params: number; nonZero: number; quantizationParams: number; mix: NonNullable<ModelAccounting['precisionMix']> } {
  const perDtype = new Map<string, { params: number; bytes: number }>();
  let params = 0;
  let nonZero = 0;
  let quantizationParams = 0;
  for (const { entry, offset, length } of weightSlices(weightEntries(files.modelJson))) {
    if (entry.dtype !== 'float32') continue;
    const values = decodeWeightValues(entry, files.weightData.subarray(offset, offset + length));
    params += values.length;
    for (const v of values) if (v !== 0) nonZero++;
    const dt = storedDtype(entry);
    if (dt === 'uint8' || dt === 'uint16') quantizationParams += 2;
    const row = perDtype.get(dt) ?? { params: 0, bytes: 0 };
    row.params += values.length;
    row.bytes += length;
    perDtype.set(dt, row);
  }
  const mix = [...perDtype]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dtype, r]) => ({ dtype, params: r.params, bytes: r.bytes, share: params > 0 ? r.params / params : 0 }));
  return { params, nonZero, quantizationParams, mix };
}

import * as tf from '@tensorflow/tfjs';
import { makeInput } from '../core/seeded-inputs.js';
import { HintedError } from '../core/serialized-error.js';
import { attrShape, attrType, parseTensorRef, tensorKey } from './tfjs-attrs.js';
import { loadTfjsGraphModel, type TfjsModelFiles, weightEntries } from './tfjs-model-files.js';
import { NOT_COMPUTE } from './tfjs-op-costs.js';

export interface ProbeOptions {
  /** shape per graph input (Placeholder name, with or without ":0"); inputs not named use their declared shape, batch −1 → 1 */
  inputShapes?: Record<string, number[]>;
  /** seed of the random inputs fed once (shapes do not depend on values for these ops, but data-dependent ops see realistic data) */
  seed?: number;
}

export interface ProbedShapes {
  /** "node:index" → dims, for weights, graph inputs and every tensor a node produces or reads */
  shapes: Map<string, number[]>;
  inputs: { name: string; dtype: 'float32' | 'int32'; shape: number[] }[];
  notes: string[];
}

const DTYPES: Readonly<Record<string, 'float32' | 'int32'>> = { DT_FLOAT: 'float32', DT_INT32: 'int32' };

/**
 * Tensor shapes of a graph model, found by running it once on TF.js's cpu backend with every
 * node requested as an output: exact for every op TF.js implements, with no shape rules to keep
 * in step with TF.js. The previous backend is restored afterwards.
 */
export async function probeTensorShapes(files: TfjsModelFiles, opts: ProbeOptions = {}): Promise<ProbedShapes> {
  const nodes = files.modelJson.modelTopology.node;
  const notes: string[] = [];
  const inputs = graphInputs(files, opts.inputShapes ?? {}, notes);
  const shapes = new Map<string, number[]>();
  for (const w of weightEntries(files.modelJson)) shapes.set(tensorKey(w.name, 0), [...w.shape]);
  for (const i of inputs) shapes.set(tensorKey(i.name, 0), i.shape);

  const producers = new Map(nodes.map((n) => [n.name, n.op]));
  const wanted = new Set<string>();
  for (const n of nodes) {
    if (NOT_COMPUTE.has(n.op) || n.op === 'NoOp') continue;
    wanted.add(tensorKey(n.name, 0));
    for (const ref of n.input ?? []) {
      const t = parseTensorRef(ref);
      const op = t && producers.get(t.node);
      if (t && op !== undefined && !NOT_COMPUTE.has(op) && op !== 'NoOp') wanted.add(tensorKey(t.node, t.index));
    }
  }
  const requested = [...wanted];
  const previous = tf.getBackend();
  if (previous !== 'cpu') await tf.setBackend('cpu');
  const model = await loadTfjsGraphModel(files);
  const feeds: tf.NamedTensorMap = {};
  try {
    for (const i of inputs) feeds[i.name] = tf.tensor(makeInput({ name: i.name, shape: i.shape, dtype: i.dtype }, opts.seed ?? 1, 0), i.shape, i.dtype);
    const names = requested.map((k) => (k.endsWith(':0') ? k.slice(0, -2) : k));
    let outs: tf.Tensor[];
    try {
      // execute() is enough for graphs without control flow (and executeAsync warns about that); the rest need executeAsync
      let r: tf.Tensor | tf.Tensor[];
      try {
        r = model.execute(feeds, names);
      } catch (syncErr) {
        if (!/executeAsync/.test((syncErr as Error).message)) throw syncErr;
        r = await model.executeAsync(feeds, names);
      }
      outs = Array.isArray(r) ? r : [r];
    } catch (err) {
      throw new HintedError(`running the graph once to find its tensor shapes failed: ${(err as Error).message}`, 'Check the input shapes given for accounting (inputShapes) against the model\'s inputs.', { cause: err });
    }
    requested.forEach((k, i) => {
      const t = outs[i];
      if (t) shapes.set(k, [...t.shape]);
    });
    tf.dispose(outs);
  } finally {
    tf.dispose(Object.values(feeds));
    model.dispose();
    if (previous !== 'cpu' && previous) await tf.setBackend(previous);
  }
  return { shapes, inputs, notes };
}

function graphInputs(files: TfjsModelFiles, given: Record<string, number[]>, notes: string[]): ProbedShapes['inputs'] {
  const placeholders = files.modelJson.modelTopology.node.filter((n) => n.op === 'Placeholder');
  const byName = new Map(Object.entries(given).map(([k, v]) => [k.replace(/:0$/, ''), v]));
  for (const k of byName.keys()) {
    if (!placeholders.some((p) => p.name === k)) {
      throw new HintedError(`inputShapes names "${k}", which is not an input of the graph`, `The graph's inputs are ${placeholders.map((p) => `"${p.name}"`).join(', ') || '(none)'}.`);
    }
  }
  return placeholders.map((p) => {
    const dtype = DTYPES[attrType(p, 'dtype') ?? ''];
    if (!dtype) throw new HintedError(`graph input "${p.name}" has type ${attrType(p, 'dtype') ?? '(none)'}; accounting feeds float32 or int32 inputs only`, 'Account a model whose inputs are float32 or int32 tensors.');
    let shape = byName.get(p.name);
    if (!shape) {
      const declared = attrShape(p, 'shape');
      if (!declared) throw new HintedError(`graph input "${p.name}" has no declared shape`, `Give its shape in inputShapes, e.g. { "${p.name}": [1, 224, 224, 3] }.`);
      shape = declared.map((d, i) => (d === -1 && i === 0 ? 1 : d));
      if (declared[0] === -1) notes.push(`input "${p.name}": batch dimension −1 taken as 1`);
    }
    if (shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new HintedError(`graph input "${p.name}" has shape [${shape.join(', ')}] with unknown or invalid dimensions`, `Give its full shape in inputShapes, e.g. { "${p.name}": [1, ${shape.slice(1).map((d) => (d > 0 ? d : 64)).join(', ')}] }.`);
    }
    return { name: p.name, dtype, shape: [...shape] };
  });
}

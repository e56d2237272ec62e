import { HintedError } from '../core/serialized-error.js';
import { makeInputSet } from '../core/seeded-inputs.js';
import type { TensorSpec } from '../core/cell.js';
import { decodeModel, encodeModel } from '../onnx/codec.js';
import { graphInputs } from '../onnx/model-info.js';
import { DataType } from '../onnx/proto.js';
import { exposeTensors } from './expose-tensors.js';
import type { Feed, FeedArray, ModelRunner } from './model-runner.js';

export type CalibrationMethod = 'minmax' | 'percentile';

export interface CalibrationOptions {
  method: CalibrationMethod;
  /** for 'percentile': the share of values inside the range, e.g. 99.99 (two-sided) */
  percentile: number;
  /** feeds to calibrate on; default: `count` seeded inputs from the model's input specs */
  feeds?: readonly Readonly<Record<string, Feed>>[];
  count: number;
  seed: number;
  /** value ranges of the seeded inputs per input name (default: makeInput's defaults) */
  inputRanges?: Readonly<Record<string, readonly [number, number]>>;
  /** inputs held at one value in every seeded feed (the whole tensor filled), e.g. { sr: 16000 } for a sample rate */
  inputValues?: Readonly<Record<string, number>>;
  inputShapes?: Readonly<Record<string, readonly number[]>>;
}

export interface TensorRange {
  min: number;
  max: number;
}

/** Values kept per tensor per input for the percentile method: bounds memory on large activations. */
const SAMPLE_PER_RUN = 16_384;

/**
 * Run the fp32 model on the calibration inputs with every tensor in `names` added as an output
 * (tensors inside If/Loop/Scan bodies are passed out by expose-tensors.ts), and return each
 * tensor's range: the extremes (minmax) or the two-sided percentile of a deterministic strided
 * sample (percentile), which ignores rare outliers that would otherwise waste most of the 256
 * levels. A tensor no calibration input reached (an If branch not taken) gets no range.
 */
export async function calibrateRanges(modelBytes: Uint8Array, names: readonly string[], runner: ModelRunner, opts: CalibrationOptions): Promise<Map<string, TensorRange>> {
  const model = decodeModel(modelBytes);
  const feeds = opts.feeds ?? seededFeeds(model.graph, opts);
  const outName = exposeTensors(model, names);
  names = names.filter((n) => outName.has(n));
  const session = await runner.load(encodeModel(model));
  const mins = new Map<string, number>();
  const maxs = new Map<string, number>();
  const samples = new Map<string, number[]>();
  try {
    for (const feed of feeds) {
      const out = await session.run(feed, names.map((n) => outName.get(n)!));
      for (const n of names) {
        const v = out[outName.get(n)!];
        if (!v) throw new HintedError(`calibration: the runtime returned no float32 values for "${n}"`, 'the tensor may not be float32; exclude its node from quantisation');
        let lo = mins.get(n) ?? Number.POSITIVE_INFINITY;
        let hi = maxs.get(n) ?? Number.NEGATIVE_INFINITY;
        for (let i = 0; i < v.length; i++) {
          const x = v[i]!;
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
        mins.set(n, lo);
        maxs.set(n, hi);
        if (opts.method === 'percentile') {
          const list = samples.get(n) ?? [];
          const step = Math.max(1, Math.floor(v.length / SAMPLE_PER_RUN));
          for (let i = 0; i < v.length; i += step) list.push(v[i]!);
          samples.set(n, list);
        }
      }
    }
  } finally {
    await session.release();
  }
  const ranges = new Map<string, TensorRange>();
  for (const n of names) {
    let min = mins.get(n)!;
    let max = maxs.get(n)!;
    if (min === Number.POSITIVE_INFINITY && max === Number.NEGATIVE_INFINITY) continue; // never computed on these inputs
    if (!Number.isFinite(min) || !Number.isFinite(max)) {
      throw new HintedError(`calibration: tensor "${n}" has non-finite values (${min} … ${max})`, 'check the calibration inputs; the fp32 model overflows on them');
    }
    if (opts.method === 'percentile') {
      const s = Float64Array.from(samples.get(n) ?? []).sort();
      const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.round((p / 100) * (s.length - 1))))]!;
      min = Math.max(min, q(100 - opts.percentile));
      max = Math.min(max, q(opts.percentile));
    }
    ranges.set(n, { min, max });
  }
  return ranges;
}

function seededFeeds(graph: ReturnType<typeof decodeModel>['graph'], opts: CalibrationOptions): Record<string, Feed>[] {
  const specs: TensorSpec[] = graphInputs(graph).map((i) => {
    const shape = opts.inputShapes?.[i.name] ?? i.shape.map((d, k) => (typeof d === 'number' ? d : k === 0 ? 1 : Number.NaN));
    if (shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new HintedError(`calibration: input "${i.name}" has shape [${i.shape.join(', ')}] with open dimensions`, 'pass inputShapes (e.g. { x: [1, 3, 224, 224] }) so calibration inputs can be made');
    }
    const dtype = i.elemType === DataType.FLOAT ? 'float32' : i.elemType === DataType.INT64 ? 'int64' : i.elemType === DataType.INT32 ? 'int32' : i.elemType === DataType.UINT8 ? 'uint8' : undefined;
    if (!dtype) throw new HintedError(`calibration: input "${i.name}" has element type ${i.elemTypeName}, which seeded inputs cannot fill`, 'pass calibration feeds explicitly');
    // an integer scalar is a setting (a sample rate, a length, a flag): a random one would calibrate a path the model never takes
    if (dtype !== 'float32' && shape.length === 0 && opts.inputValues?.[i.name] === undefined) {
      throw new HintedError(
        `calibration: input "${i.name}" is an integer scalar (${i.elemTypeName}); seeded calibration will not guess its value`,
        `pass --input-value ${i.name}=V (inputValues: { ${i.name}: V }) with the value the model is used with, or pass calibration feeds`,
      );
    }
    const range = opts.inputRanges?.[i.name];
    const value = opts.inputValues?.[i.name];
    return { name: i.name, shape: [...shape], dtype, ...(value !== undefined ? { value } : range ? { range: [range[0], range[1]] as [number, number] } : {}) };
  });
  // a set value rides in the spec: makeInput fills the whole tensor with it
  return makeInputSet(specs, opts.seed, opts.count).map((set) => Object.fromEntries(specs.map((s, k) => [s.name, { data: set[k]!, dims: s.shape }])));
}

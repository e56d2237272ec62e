/**
 * How the forge runs a model when it must (calibration of int8-qdq, fidelity checks): an
 * interface, so the same code works with onnxruntime-web in a browser or worker and with
 * onnxruntime-web or onnxruntime-node in Node. The forge never imports a runtime itself.
 */
export type FeedArray = Float32Array | Int32Array | BigInt64Array | Uint8Array;

export interface Feed {
  data: FeedArray;
  dims: readonly number[];
}

export interface RunnerSession {
  /** outputs by name, float32 ones only (the forge reads activations) */
  run(feeds: Readonly<Record<string, Feed>>, outputNames: readonly string[]): Promise<Record<string, Float32Array>>;
  release(): Promise<void>;
}

export interface ModelRunner {
  /** e.g. "onnxruntime-web 1.30.0 (wasm)", recorded in reports */
  readonly description: string;
  load(modelBytes: Uint8Array): Promise<RunnerSession>;
}

/** The part of onnxruntime-web's / onnxruntime-node's API the runner uses (both export it). */
export interface OrtLike {
  InferenceSession: { create(bytes: Uint8Array, options?: object): Promise<OrtSessionLike> };
  Tensor: new (type: string, data: FeedArray, dims: readonly number[]) => unknown;
  env?: { versions?: Record<string, string | undefined> };
}
interface OrtSessionLike {
  run(feeds: Record<string, unknown>, fetches?: readonly string[]): Promise<Record<string, { data: unknown; type?: string }>>;
  release(): Promise<void>;
}

const ORT_TYPE = (a: FeedArray): string =>
  a instanceof Float32Array ? 'float32' : a instanceof Int32Array ? 'int32' : a instanceof BigInt64Array ? 'int64' : 'uint8';

/** A ModelRunner over an ORT module (`import * as ort from 'onnxruntime-web'` or 'onnxruntime-node'). */
export function ortModelRunner(ort: OrtLike, sessionOptions: object = {}, label = 'onnxruntime'): ModelRunner {
  const version = ort.env?.versions?.web ?? ort.env?.versions?.node ?? ort.env?.versions?.common ?? '';
  return {
    description: `${label} ${version}`.trim(),
    async load(modelBytes) {
      const session = await ort.InferenceSession.create(modelBytes, sessionOptions);
      return {
        async run(feeds, outputNames) {
          const ortFeeds: Record<string, unknown> = {};
          for (const [name, f] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(ORT_TYPE(f.data), f.data, f.dims);
          const out = await session.run(ortFeeds, outputNames);
          const result: Record<string, Float32Array> = {};
          for (const name of outputNames) {
            const data = out[name]?.data;
            if (data instanceof Float32Array) result[name] = data;
          }
          return result;
        },
        release: () => session.release(),
      };
    },
  };
}

import type { Backend, RuntimeName, TensorSpec } from './cell.js';

/** One input set for one inference, in the model's input order. */
export type Feeds = readonly (Float32Array | Int32Array | BigInt64Array | Uint8Array)[];
/** Outputs of one inference, copied back to the CPU, in the model's output order. */
export type Outputs = Float32Array[];

/** Whether a backend can be used here, and if not, why (said to the user as is). */
export type BackendProbe = { available: true; detail?: string } | { available: false; reason: string; hint: string };

export interface ModelHandleSpec {
  modelId: string;
  inputs: readonly TensorSpec[];
  outputs: readonly TensorSpec[];
}

/** Model files already in memory, so fetching is timed apart from session creation. */
export type ModelPayload =
  | { format: 'onnx'; bytes: ArrayBuffer }
  | { format: 'tfjs'; modelJson: Record<string, unknown>; weightData: ArrayBuffer };

/**
 * A runtime (onnxruntime-web, TensorFlow.js) behind one contract. Implementations live in
 * workers/adapters and are glue only; the measurement protocol never sees runtime types.
 */
export interface RuntimeAdapter {
  readonly name: RuntimeName;
  /** can `backend` be initialised here? No side effects that would change a later `load` */
  probe(backend: Backend): Promise<BackendProbe>;
  /**
   * Create a session on exactly `backend`. Must throw (never silently fall back) when the
   * runtime ends up on another backend than requested; partial CPU placement is a warning.
   */
  load(model: ModelHandleSpec, backend: Backend, payload: ModelPayload, threads: number): Promise<LoadedModel>;
  version(): string;
}

export interface LoadedModel {
  readonly effectiveBackend: Backend;
  /** threads the runtime actually uses (1 where it cannot use more) */
  readonly threads: number;
  /** what the user should know: nodes placed on the CPU, features missing… */
  readonly warnings: readonly string[];
  /** bind the inputs used by timed runs; kept alive until dispose */
  prepare(feeds: Feeds): Promise<void>;
  /** one inference on the prepared inputs, returning only after outputs are back on the CPU */
  runPrepared(): Promise<void>;
  /** one inference on given inputs, outputs copied back (fidelity) */
  run(feeds: Feeds): Promise<Outputs>;
  dispose(): Promise<void>;
}

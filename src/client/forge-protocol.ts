import type { SerializedError } from '../core/serialized-error.js';
import type { GraphAccounting } from '../forge/account-model.js';
import type { NodeNote } from '../forge/forge-types.js';

/**
 * The message contract between the page and the forge worker (Comlink). The page sends the
 * model once (`open`), then asks for the base accounting and one variant per call, so each
 * step has its own deadline and a crash costs one variant, not the whole forge.
 */

/** A graph input or output as the file declares it: symbolic dims stay strings, unknown ones null. */
export interface ForgeTensorInfo {
  name: string;
  /** float32, int64, … where JS has a name for it, else ONNX's (e.g. "FLOAT16", "BOOL") */
  dtype: string;
  shape: (number | string | null)[];
}

export interface OpenedModel {
  fileName: string;
  fileBytes: number;
  decodeMs: number;
  irVersion: number;
  /** e.g. ["ai.onnx 17", "com.microsoft 1"] */
  opsets: string[];
  producer: string;
  nodes: number;
  inputs: ForgeTensorInfo[];
  outputs: ForgeTensorInfo[];
}

export type OpenOutcome = ({ state: 'opened' } & OpenedModel) | { state: 'errored'; error: SerializedError };

export interface ForgeOptions {
  /** concrete shapes for every graph input (dynamic dims resolved on the page) */
  inputShapes: Record<string, number[]>;
  /** value ranges of the seeded inputs, for int8-qdq calibration */
  inputRanges: Record<string, [number, number]>;
  /** set values of inputs (integer settings such as a sample rate); win over the ranges */
  inputValues?: Record<string, number>;
  /** the person's samples by input name, for int8-qdq calibration; replace the seeded inputs */
  calibrationFeeds?: Record<string, { data: Float32Array | Int32Array | BigInt64Array | Uint8Array; dims: number[] }>[];
  calibration?: 'minmax' | 'percentile';
}

export type AccountOutcome = { state: 'completed'; accounting: GraphAccounting; ms: number } | { state: 'errored'; error: SerializedError };

export interface ForgedVariant {
  variant: string;
  /** the variant's ONNX file (transferred, not copied) */
  bytes: ArrayBuffer;
  accounting: GraphAccounting;
  options: Record<string, unknown>;
  changes: string[];
  skipped: NodeNote[];
  /** wall-clock time the worker spent on this variant, measured */
  ms: number;
  /** set when the variant needed model runs (int8-qdq calibration) */
  runner?: string;
}

export type VariantOutcome = ({ state: 'completed' } & ForgedVariant) | { state: 'errored'; variant: string; error: SerializedError; ms: number };

export interface ForgeWorkerApi {
  /** decode the file and read its signature; the worker keeps the bytes for the calls that follow */
  open(bytes: ArrayBuffer, fileName: string): Promise<OpenOutcome>;
  account(options: ForgeOptions): Promise<AccountOutcome>;
  forge(variant: string, options: ForgeOptions): Promise<VariantOutcome>;
}

/** What the page reports while a file is read and forged. */
export type ForgeProgress =
  | { step: 'read'; doneBytes: number; totalBytes: number }
  | { step: 'decode' }
  | { step: 'account' }
  | { step: 'variant'; variant: string; index: number; total: number }
  | { step: 'done' };

import * as tf from '@tensorflow/tfjs';
import { HintedError } from '../core/serialized-error.js';
import { weightByteLength } from './tfjs-weight-codec.js';

/** One group of TF.js's weightsManifest: weights stored back to back across `paths`. */
export interface TfjsWeightsGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

/** A TF.js graph model's model.json, as tensorflowjs_converter writes it. */
export interface TfjsGraphModelJson {
  format: 'graph-model';
  modelTopology: { node: TfjsGraphNode[]; library?: unknown; versions?: unknown };
  weightsManifest: TfjsWeightsGroup[];
  signature?: Record<string, unknown>;
  userDefinedMetadata?: Record<string, unknown>;
  generatedBy?: string;
  convertedBy?: string | null;
  /** graphs with hash tables carry an initializer graph; passed through untouched */
  modelInitializer?: Record<string, unknown>;
  initializerSignature?: Record<string, unknown>;
}

/** A node of the TensorFlow GraphDef in JSON form (attr values as TF's AttrValue JSON). */
export interface TfjsGraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfjsAttrValue>;
  device?: string;
}

export interface TfjsAttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: (string | number)[]; f?: number[]; type?: string[] };
  /** a Const's value: only dtype and shape here, the numbers live in the weight file */
  tensor?: { dtype?: string; tensorShape?: { dim?: { size?: string | number }[] } };
}

/** A graph model in memory: its model.json and every weight file concatenated in manifest order. */
export interface TfjsModelFiles {
  modelJson: TfjsGraphModelJson;
  weightData: Uint8Array;
}

/** The single weights file a serialised model refers to. */
export const WEIGHTS_FILE_NAME = 'weights.bin';

const REEXPORT_HINT = 'Give the model.json that tensorflowjs_converter wrote for a graph model (--output_format tfjs_graph_model), with its weight files next to it.';

/** Check that parsed JSON is a TF.js graph model.json this forge can handle; a HintedError says what is wrong. */
export function parseTfjsModelJson(value: unknown, what = 'model.json'): TfjsGraphModelJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HintedError(`${what} is not a JSON object`, REEXPORT_HINT);
  const json = value as Record<string, unknown>;
  if (json.format !== undefined && json.format !== 'graph-model') {
    throw new HintedError(`${what} has format "${String(json.format)}"; only TF.js graph models ("graph-model") are handled here`, REEXPORT_HINT);
  }
  const topology = json.modelTopology as { node?: unknown } | undefined;
  if (typeof topology !== 'object' || topology === null || !Array.isArray(topology.node)) {
    throw new HintedError(`${what} has no modelTopology.node list, so it is not a TF.js graph model`, REEXPORT_HINT);
  }
  if (typeof (topology as { versions?: unknown }).versions !== 'object') {
    // TF.js's loader reads modelTopology.versions.producer and fails with a TypeError without it
    throw new HintedError(`${what} has no modelTopology.versions object, which TF.js's loader needs (it may be empty: {})`, REEXPORT_HINT);
  }
  for (const [i, n] of (topology.node as unknown[]).entries()) {
    const node = n as Partial<TfjsGraphNode> | null;
    if (typeof node !== 'object' || node === null || typeof node.name !== 'string' || typeof node.op !== 'string') {
      throw new HintedError(`${what}: node ${i} of modelTopology has no name or op`, REEXPORT_HINT);
    }
  }
  if (!Array.isArray(json.weightsManifest)) {
    throw new HintedError(`${what} has no weightsManifest, so its weights cannot be found`, `${REEXPORT_HINT} A model.json without weightsManifest is a topology only.`);
  }
  for (const [g, group] of (json.weightsManifest as unknown[]).entries()) checkGroup(group, `${what}: weightsManifest[${g}]`);
  return { ...(json as unknown as TfjsGraphModelJson), format: 'graph-model' };
}

function checkGroup(value: unknown, where: string): void {
  const group = value as Partial<TfjsWeightsGroup> | null;
  if (typeof group !== 'object' || group === null || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
    throw new HintedError(`${where} needs "paths" and "weights" lists`, REEXPORT_HINT);
  }
  if (group.paths.some((p) => typeof p !== 'string' || p.length === 0)) throw new HintedError(`${where} has a path that is not a file name`, REEXPORT_HINT);
  for (const w of group.weights as unknown[]) {
    const e = w as Partial<tf.io.WeightsManifestEntry> | null;
    const name = typeof e?.name === 'string' ? e.name : '(no name)';
    if (typeof e !== 'object' || e === null || typeof e.name !== 'string') throw new HintedError(`${where} has a weight without a name`, REEXPORT_HINT);
    if (!Array.isArray(e.shape) || e.shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new HintedError(`${where}: weight "${name}" has shape ${JSON.stringify(e.shape)}; a shape is a list of non-negative integers`, REEXPORT_HINT);
    }
    if (e.dtype !== 'float32' && e.dtype !== 'int32' && e.dtype !== 'bool') {
      throw new HintedError(`${where}: weight "${name}" has dtype ${String(e.dtype)}; only float32, int32 and bool weights are handled`, 'Convert the model without string or complex weights.');
    }
    const q = e.quantization;
    if (q !== undefined) {
      if (q.dtype !== 'uint8' && q.dtype !== 'uint16' && q.dtype !== 'float16') {
        throw new HintedError(`${where}: weight "${name}" has quantization dtype ${String(q.dtype)}; TF.js knows uint8, uint16 and float16`, REEXPORT_HINT);
      }
      if (q.dtype !== 'float16' && (!Number.isFinite(q.scale) || !Number.isFinite(q.min))) {
        throw new HintedError(`${where}: weight "${name}" is ${q.dtype}-quantised but lacks a finite scale and min`, REEXPORT_HINT);
      }
      if (q.dtype === 'float16' && e.dtype !== 'float32') throw new HintedError(`${where}: weight "${name}" is float16-quantised but is ${e.dtype}`, REEXPORT_HINT);
      if (e.dtype === 'bool') throw new HintedError(`${where}: weight "${name}" is a quantised bool`, REEXPORT_HINT);
    }
  }
}

/** Every weight entry in manifest order (the order their bytes follow each other). */
export function weightEntries(json: TfjsGraphModelJson): tf.io.WeightsManifestEntry[] {
  return json.weightsManifest.flatMap((g) => g.weights);
}

/** Bytes the manifest says the weights take. */
export function manifestByteLength(json: TfjsGraphModelJson): number {
  return weightEntries(json).reduce((n, e) => n + weightByteLength(e), 0);
}

/** Throw a HintedError unless `weightData` is exactly as long as the manifest says. */
export function checkWeightData(files: TfjsModelFiles): void {
  const expected = manifestByteLength(files.modelJson);
  const got = files.weightData.byteLength;
  if (got === expected) return;
  const paths = files.modelJson.weightsManifest.flatMap((g) => g.paths).join(', ');
  if (got < expected) {
    throw new HintedError(
      `the weight data is ${got} bytes but the weightsManifest describes ${expected} bytes (${expected - got} missing)`,
      `The weight file(s) (${paths}) are truncated or belong to another model: copy them again from the same export as the model.json.`,
    );
  }
  throw new HintedError(
    `the weight data is ${got} bytes but the weightsManifest describes only ${expected} bytes (${got - expected} extra)`,
    `The weight file(s) (${paths}) do not belong to this model.json: use the files written together by one export.`,
  );
}

/**
 * Build the in-memory model from model.json's bytes and a reader for its weight files (fetch in a
 * browser, fs in Node), concatenating the files of every group in manifest order.
 */
export async function tfjsModelFromParts(jsonBytes: Uint8Array | string, readWeightFile: (path: string) => Promise<Uint8Array>): Promise<TfjsModelFiles> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof jsonBytes === 'string' ? jsonBytes : new TextDecoder().decode(jsonBytes));
  } catch (err) {
    throw new HintedError(`model.json is not valid JSON (${(err as Error).message})`, REEXPORT_HINT, { cause: err });
  }
  const modelJson = parseTfjsModelJson(parsed);
  const parts: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) for (const p of group.paths) parts.push(await readWeightFile(p));
  const files = { modelJson, weightData: concatBytes(parts) };
  checkWeightData(files);
  return files;
}

/**
 * Node: read model.json and the weight files it names (relative to its folder). Node's fs is
 * imported when called, so browsers and workers can import this module (they use
 * tfjsModelFromParts with fetch instead).
 */
export async function readTfjsModelFromDir(jsonPath: string): Promise<TfjsModelFiles> {
  const { readFile } = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  const json = await readFile(jsonPath).catch((err: unknown) => {
    throw new HintedError(`cannot read ${jsonPath} (${(err as Error).message})`, 'Check the path of the model.json.', { cause: err });
  });
  return tfjsModelFromParts(new Uint8Array(json), async (path) => {
    const file = join(dirname(jsonPath), path);
    const bytes = await readFile(file).catch((err: unknown) => {
      throw new HintedError(`cannot read weight file ${file}, named in ${jsonPath} (${(err as Error).message})`, 'Keep the weight files next to the model.json they belong to.', { cause: err });
    });
    return new Uint8Array(bytes);
  });
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/**
 * model.json + one weights file. Top-level keys in a fixed order, keys below them sorted, compact
 * JSON: the same model gives the same bytes (and sha256) however its JSON was laid out when read.
 */
export function serializeTfjsModel(files: TfjsModelFiles): { json: Uint8Array; weights: Uint8Array } {
  checkWeightData(files);
  const m = structuredClone(files.modelJson);
  const out: Record<string, unknown> = { format: 'graph-model' };
  if (m.generatedBy !== undefined) out.generatedBy = m.generatedBy;
  if (m.convertedBy !== undefined) out.convertedBy = m.convertedBy;
  if (m.signature !== undefined) out.signature = m.signature;
  if (m.userDefinedMetadata !== undefined) out.userDefinedMetadata = m.userDefinedMetadata;
  out.modelTopology = m.modelTopology;
  out.weightsManifest = [{ paths: [WEIGHTS_FILE_NAME], weights: weightEntries(m).map(canonicalEntry) }];
  if (m.modelInitializer !== undefined) out.modelInitializer = m.modelInitializer;
  if (m.initializerSignature !== undefined) out.initializerSignature = m.initializerSignature;
  const canonical = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, sortKeys(v)]));
  return { json: new TextEncoder().encode(JSON.stringify(canonical)), weights: files.weightData };
}

// JSON object keys carry no meaning in model.json (protobuf JSON), array order does
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  const keys = Object.keys(v).sort();
  return Object.fromEntries(keys.map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
}

function canonicalEntry(e: tf.io.WeightsManifestEntry): tf.io.WeightsManifestEntry {
  const out: tf.io.WeightsManifestEntry = { name: e.name, shape: [...e.shape], dtype: e.dtype };
  if (e.group !== undefined) out.group = e.group;
  if (e.quantization !== undefined) {
    const q = e.quantization;
    out.quantization = q.dtype === 'float16' ? { dtype: 'float16' } : { dtype: q.dtype, scale: q.scale, min: q.min };
  }
  return out;
}

/** Load through TF.js's own loader (tf.io.fromMemory), with format and signature so inputs/outputs are named. */
export async function loadTfjsGraphModel(files: TfjsModelFiles): Promise<tf.GraphModel> {
  checkWeightData(files);
  // TF.js's graph loader rewrites parts of the topology it is given (seen on Human's iris model):
  // it gets a copy, so the caller's files, and any hash taken of them later, stay as they were
  const m = structuredClone(files.modelJson);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: m.modelTopology,
    weightSpecs: weightEntries(m),
    // a copy with its own ArrayBuffer: the view may sit inside a larger (pooled) buffer
    weightData: files.weightData.slice().buffer as ArrayBuffer,
    format: m.format,
    ...(m.generatedBy !== undefined ? { generatedBy: m.generatedBy } : {}),
    ...(m.convertedBy !== undefined ? { convertedBy: m.convertedBy } : {}),
    ...(m.signature !== undefined ? { signature: m.signature } : {}),
    ...(m.userDefinedMetadata !== undefined ? { userDefinedMetadata: m.userDefinedMetadata as Record<string, {}> } : {}),
    ...(m.modelInitializer !== undefined ? { modelInitializer: m.modelInitializer } : {}),
    ...(m.initializerSignature !== undefined ? { initializerSignature: m.initializerSignature } : {}),
  };
  return tf.loadGraphModel(tf.io.fromMemory(artifacts));
}

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../bench/exit-codes.js';
import type { ForgeTensorInfo } from '../client/forge-protocol.js';
import { decodeModel } from '../onnx/codec.js';
import { graphInputs, graphOutputs, jsDtypeName } from '../onnx/model-info.js';

/** A model the user pointed at: an ONNX file or a TF.js model.json folder, read and identified. */
export interface ModelFile {
  format: 'onnx' | 'tfjs';
  /** the path as the user gave it (for messages) */
  given: string;
  /** the .onnx file, or the model.json */
  absPath: string;
  /** what records call it: the file name (`vad.onnx`) or the folder's name plus model.json (`face/model.json`) */
  fileName: string;
  /** hex sha256: of the .onnx bytes; for TF.js, of model.json followed by every weight file in manifest order */
  sha256: string;
  bytes: number;
  /** TF.js only: the weight files, relative to model.json's folder, in manifest order */
  weightPaths: string[];
  inputs: ForgeTensorInfo[];
  outputs: ForgeTensorInfo[];
}

const HOW = 'give an ONNX file (model.onnx) or a TF.js model folder (with model.json and its weight files)';

/**
 * Identify `given`: a `.onnx` file, a `model.json`, or a folder holding one. Every failure is a
 * UsageError (exit 2) that names the file and says what was expected.
 */
export async function readModelFile(given: string, cwd = process.cwd()): Promise<ModelFile> {
  const abs = path.resolve(cwd, given);
  const st = await stat(abs).catch(() => undefined);
  if (!st) throw new UsageError(`model file not found: ${given}`, `check the path (looked at ${abs}); ${HOW}`);
  if (st.isDirectory()) {
    const json = path.join(abs, 'model.json');
    if (!(await stat(json).catch(() => undefined))) throw new UsageError(`${given} is a folder without a model.json`, HOW);
    return readTfjs(given, json);
  }
  if (/\.onnx$/i.test(abs)) return readOnnx(given, abs);
  if (path.basename(abs).toLowerCase().endsWith('.json')) return readTfjs(given, abs);
  throw new UsageError(`${given}: unknown model file type (${path.extname(abs) || 'no extension'})`, HOW);
}

async function readOnnx(given: string, abs: string): Promise<ModelFile> {
  const bytes = new Uint8Array(await readFile(abs));
  let model;
  try {
    model = decodeModel(bytes);
  } catch (err) {
    throw new UsageError(`${given} is not a readable ONNX model: ${(err as Error).message}`, 'check that the file is complete (re-export or download it again)', { cause: err });
  }
  const info = (t: ReturnType<typeof graphInputs>[number]): ForgeTensorInfo => ({ name: t.name, dtype: jsDtypeName(t.elemType) ?? t.elemTypeName, shape: t.shape });
  return {
    format: 'onnx',
    given,
    absPath: abs,
    fileName: path.basename(abs),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    weightPaths: [],
    inputs: graphInputs(model.graph).map(info),
    outputs: graphOutputs(model.graph).map(info),
  };
}

interface TfjsJson {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: { paths?: string[] }[];
  signature?: { inputs?: Record<string, TfjsSigEntry>; outputs?: Record<string, TfjsSigEntry> };
}
interface TfjsSigEntry {
  name?: string;
  dtype?: string;
  tensorShape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
}

async function readTfjs(given: string, jsonPath: string): Promise<ModelFile> {
  const text = await readFile(jsonPath, 'utf8');
  let json: TfjsJson;
  try {
    json = JSON.parse(text) as TfjsJson;
  } catch (err) {
    throw new UsageError(`${given}: model.json is not valid JSON (${(err as Error).message})`, 'the file is damaged; convert the model again', { cause: err });
  }
  if (typeof json !== 'object' || json === null || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new UsageError(`${given}: model.json lacks modelTopology or weightsManifest, so it is not a TF.js model`, 'give the model.json that tensorflowjs_converter (or model.save) wrote');
  }
  const dir = path.dirname(jsonPath);
  const weightPaths = json.weightsManifest.flatMap((g) => g.paths ?? []);
  const hash = createHash('sha256').update(text);
  let bytes = Buffer.byteLength(text);
  for (const w of weightPaths) {
    const file = path.resolve(dir, w);
    if (path.relative(dir, file).startsWith('..')) throw new UsageError(`${given}: weight file "${w}" lies outside the model folder`, 'keep the weight files next to model.json');
    const data = await readFile(file).catch(() => undefined);
    if (!data) throw new UsageError(`${given}: weight file "${w}" named in model.json is missing`, 'copy every weight file model.json lists next to it');
    hash.update(data);
    bytes += data.length;
  }
  const sig = tfjsSignature(json);
  if (!sig) {
    throw new UsageError(
      `${given}: model.json does not state its inputs (no signature, no InputLayer shapes)`,
      'convert the model with tensorflowjs_converter, which writes a signature, or save a LayersModel whose first layer has an input shape',
    );
  }
  return {
    format: 'tfjs',
    given,
    absPath: jsonPath,
    // model.json says nothing on its own: its folder names the model
    fileName: path.basename(jsonPath) === 'model.json' ? `${path.basename(dir)}/model.json` : path.basename(jsonPath),
    sha256: hash.digest('hex'),
    bytes,
    weightPaths,
    ...sig,
  };
}

const TF_DTYPES: Record<string, string> = { DT_FLOAT: 'float32', DT_INT32: 'int32', DT_INT64: 'int64', DT_UINT8: 'uint8', DT_BOOL: 'bool', DT_HALF: 'float16' };

/** Inputs and outputs from a graph model's signature or a layers model's InputLayer configs. */
function tfjsSignature(json: TfjsJson): { inputs: ForgeTensorInfo[]; outputs: ForgeTensorInfo[] } | undefined {
  const fromSig = (entries: Record<string, TfjsSigEntry> | undefined): ForgeTensorInfo[] =>
    Object.entries(entries ?? {}).map(([key, e]) => ({
      // graph models are fed by the tensor name without its ":0" suffix
      name: (e.name ?? key).replace(/:0$/, ''),
      dtype: TF_DTYPES[e.dtype ?? ''] ?? e.dtype ?? 'float32',
      shape: (e.tensorShape?.dim ?? []).map((d) => {
        const n = Number(d.size);
        return Number.isInteger(n) && n > 0 ? n : null;
      }),
    }));
  if (json.format === 'graph-model') {
    const inputs = fromSig(json.signature?.inputs);
    if (inputs.length > 0) return { inputs, outputs: fromSig(json.signature?.outputs) };
    return graphPlaceholders(json.modelTopology);
  }
  const layers = layersOf(json.modelTopology);
  const inputLayers = layers.filter((l) => l.class_name === 'InputLayer');
  const first = layers[0]?.config as { batch_input_shape?: (number | null)[]; dtype?: string; name?: string } | undefined;
  const specs = (inputLayers.length > 0 ? inputLayers.map((l) => l.config as { batch_input_shape?: (number | null)[]; dtype?: string; name?: string }) : first?.batch_input_shape ? [first] : []).map((c, i) => ({
    name: c.name ?? `input_${i}`,
    dtype: c.dtype ?? 'float32',
    shape: (c.batch_input_shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : null)),
  }));
  // a layers model's outputs are positional; their shapes are not needed to feed it
  return specs.length > 0 ? { inputs: specs, outputs: [{ name: 'output_0', dtype: 'float32', shape: [] }] } : undefined;
}

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: { shape?: { shape?: { dim?: { size?: string | number }[] } }; dtype?: { type?: string } };
}

/**
 * Older converters wrote no signature: the inputs are the Placeholder nodes, the outputs the
 * nodes nothing else reads (what TF.js's GraphModel itself takes as inputs and outputs).
 */
function graphPlaceholders(topology: unknown): { inputs: ForgeTensorInfo[]; outputs: ForgeTensorInfo[] } | undefined {
  const nodes = ((topology as { node?: GraphNode[] })?.node ?? []).filter((n) => typeof n?.name === 'string');
  const inputs = nodes
    .filter((n) => n.op === 'Placeholder')
    .map((n) => ({
      name: n.name,
      dtype: TF_DTYPES[n.attr?.dtype?.type ?? ''] ?? 'float32',
      shape: (n.attr?.shape?.shape?.dim ?? []).map((d) => {
        const v = Number(d.size);
        return Number.isInteger(v) && v > 0 ? v : null;
      }),
    }));
  if (inputs.length === 0) return undefined;
  const read = new Set(nodes.flatMap((n) => (n.input ?? []).map((i) => i.replace(/^\^/, '').replace(/:\d+$/, ''))));
  const outputs = nodes.filter((n) => !read.has(n.name) && !['Const', 'NoOp', 'Placeholder'].includes(n.op)).map((n) => ({ name: n.name, dtype: 'float32', shape: [] }));
  return { inputs, outputs };
}

interface KerasLayer {
  class_name?: string;
  config?: unknown;
}

function layersOf(topology: unknown): KerasLayer[] {
  const t = topology as { model_config?: { config?: { layers?: KerasLayer[] } | KerasLayer[] }; config?: { layers?: KerasLayer[] } };
  const cfg = t?.model_config?.config ?? t?.config;
  if (Array.isArray(cfg)) return cfg;
  return cfg?.layers ?? [];
}

import type * as tf from '@tensorflow/tfjs';
import { HintedError } from '../core/serialized-error.js';
import { checkWeightData, concatBytes, type TfjsModelFiles, WEIGHTS_FILE_NAME, weightEntries } from './tfjs-model-files.js';
import { decodeWeightValues, encodeAffine, encodeFloat16, encodeRaw, storedDtype, weightSlices } from './tfjs-weight-codec.js';

export type TfjsQuantDtype = 'uint8' | 'uint16' | 'float16';
export const TFJS_QUANT_DTYPES: readonly TfjsQuantDtype[] = ['uint8', 'uint16', 'float16'];

export interface TfjsQuantizeOptions {
  dtype: TfjsQuantDtype;
}

/** Same shape as the manifest's `forge` fields (options, changes, skipped). */
export interface TfjsQuantizeReport {
  options: { dtype: TfjsQuantDtype };
  changes: string[];
  skipped: { node: string; op: string; reason: string }[];
}

/**
 * TF.js weight-storage quantisation, the variant kind tensorflowjs_converter makes with
 * --quantize_uint8 / --quantize_uint16 / --quantize_float16: every float32 weight is stored as
 * affine uint8/uint16 codes (per tensor) or half floats, and TF.js dequantises them to float32 when
 * it loads the model. Compute stays float32; only the download and storage shrink.
 * Weights that arrive quantised are decoded first. int32 and bool tensors (shapes, paddings, axes)
 * are kept as they are and listed in `skipped`. Pure: runs in Node, browsers and workers.
 */
export function quantizeTfjsWeights(files: TfjsModelFiles, options: TfjsQuantizeOptions): { files: TfjsModelFiles; report: TfjsQuantizeReport } {
  const dtype = options.dtype;
  if (!(TFJS_QUANT_DTYPES as readonly string[]).includes(dtype)) {
    throw new HintedError(`unknown TF.js weight quantisation "${String(dtype)}"`, `Use one of ${TFJS_QUANT_DTYPES.join(', ')}.`);
  }
  checkWeightData(files);
  const opOf = new Map(files.modelJson.modelTopology.node.map((n) => [n.name, n.op]));
  const skipped: TfjsQuantizeReport['skipped'] = [];
  const decodedFrom = new Map<string, number>();
  const parts: Uint8Array[] = [];
  const entries: tf.io.WeightsManifestEntry[] = [];
  let quantised = 0;
  let values = 0;
  let bytesBefore = 0;
  let bytesAfter = 0;
  let clamped = 0;

  for (const { entry, offset, length } of weightSlices(weightEntries(files.modelJson))) {
    const stored = storedDtype(entry);
    const decoded = decodeWeightValues(entry, files.weightData.subarray(offset, offset + length));
    if (entry.quantization) decodedFrom.set(stored, (decodedFrom.get(stored) ?? 0) + 1);
    const base: tf.io.WeightsManifestEntry = { name: entry.name, shape: [...entry.shape], dtype: entry.dtype, ...(entry.group ? { group: entry.group } : {}) };
    const keep = (reason: string): void => {
      skipped.push({ node: entry.name, op: opOf.get(entry.name) ?? 'Const', reason });
      entries.push(base);
      parts.push(encodeRaw(decoded));
    };
    if (!(decoded instanceof Float32Array)) {
      keep(`${entry.dtype} tensor (shape, paddings, axes or indices): TF.js weight quantisation is for float32 weights; kept as ${entry.dtype}${entry.quantization ? ` (decoded from ${stored})` : ''}`);
      continue;
    }
    if (dtype !== 'float16' && decoded.some((v) => !Number.isFinite(v))) {
      keep(`holds NaN or ±Infinity, which ${dtype} affine codes cannot store; kept as float32`);
      continue;
    }
    quantised++;
    values += decoded.length;
    bytesBefore += length;
    if (dtype === 'float16') {
      const half = encodeFloat16(decoded);
      clamped += half.clamped;
      entries.push({ ...base, quantization: { dtype: 'float16' } });
      parts.push(half.bytes);
      bytesAfter += half.bytes.byteLength;
    } else {
      const codes = encodeAffine(decoded, dtype);
      entries.push({ ...base, quantization: { dtype, scale: codes.scale, min: codes.min } });
      parts.push(codes.bytes);
      bytesAfter += codes.bytes.byteLength;
    }
  }

  const changes: string[] = [];
  for (const [from, count] of [...decodedFrom].sort()) changes.push(`${count} weight(s) arrived stored as ${from}: decoded to their TF.js values first, then re-stored`);
  const how = dtype === 'float16' ? 'IEEE half floats (round to nearest even)' : `affine ${dtype} codes per tensor (scale and min in model.json; the range nudged so 0 is exact, as tensorflowjs_converter does)`;
  changes.push(`${quantised} float weight tensor(s), ${values} values, stored as ${how}: ${bytesBefore} → ${bytesAfter} bytes`);
  if (clamped > 0) changes.push(`${clamped} value(s) beyond the float16 range (±65504) clamped to ±65504`);
  changes.push('TF.js dequantises to float32 at load: compute is unchanged, only download and storage shrink');
  changes.push(`weights repacked back to back in manifest order into one file, ${WEIGHTS_FILE_NAME}`);

  const modelJson = { ...files.modelJson, weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: entries }] };
  return { files: { modelJson, weightData: concatBytes(parts) }, report: { options: { dtype }, changes, skipped } };
}

import type { InputDtype } from '../seeded-inputs.js';

/**
 * A model input as the model file states it, before any flag or sample fixes its open dims.
 * ONNX: from src/onnx/model-info.ts graphInputs() via declaredFromGraphInputs; TF.js: the
 * signature's inputs (dtype as TF.js names it: float32, int32, bool).
 */
export interface DeclaredInput {
  name: string;
  /** an InputDtype when edgewatt can feed it; any other text (e.g. 'FLOAT16', 'STRING') is refused by resolveInputs */
  dtype: InputDtype | (string & {});
  /** fixed sizes as numbers, symbolic ones (e.g. "batch") as strings, unknown as null */
  shape: readonly (number | string | null)[];
}

export const FEEDABLE_DTYPES: readonly InputDtype[] = ['float32', 'int32', 'int64', 'uint8', 'bool'];

const ONNX_DTYPES: Readonly<Record<string, InputDtype>> = { FLOAT: 'float32', INT32: 'int32', INT64: 'int64', UINT8: 'uint8', BOOL: 'bool' };

/** ONNX graph inputs (model-info's GraphTensorInfo, structurally) → declared inputs. */
export function declaredFromGraphInputs(inputs: readonly { name: string; elemTypeName: string; shape: readonly (number | string | null)[] }[]): DeclaredInput[] {
  return inputs.map((i) => ({ name: i.name, dtype: ONNX_DTYPES[i.elemTypeName] ?? i.elemTypeName, shape: [...i.shape] }));
}

export function isFeedable(dtype: string): dtype is InputDtype {
  return (FEEDABLE_DTYPES as readonly string[]).includes(dtype);
}

/** e.g. 'x (float32 [batch, 16000])', for messages that list the model's inputs. */
export function describeDeclared(d: DeclaredInput): string {
  return `${d.name} (${d.dtype} [${d.shape.map((s) => (s === null ? '?' : String(s))).join(', ')}])`;
}

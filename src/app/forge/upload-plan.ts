import type { Backend, CellSpec, TensorSpec } from '../../core/cell.js';
import type { InputSet } from '../../core/inputs/input-set.js';
import type { ForgedVariant } from '../../client/forge-protocol.js';
import type { PlanModel } from '../../client/plan-model.js';
import type { IoSpec } from '../../forge/account-model.js';
import type { OutputKind, StatedTolerance } from '../../forge/variant-registry.js';

/** A dropped model's id: its content, so the same file gets the same id in every session. */
export function uploadModelId(sha256: string): string {
  return `upload-${sha256.slice(0, 8)}`;
}

/**
 * A model judged by per-pixel cosine (a detector's map) rather than by class scores: past the
 * batch axis, some output has two or more dims that are (or may be) larger than 1
 * ([1, 1, 320, 320], [N, 1, H, W]), where logits have one ([1, 1000], [N, 10]).
 */
export function guessOutputKind(outputs: readonly Pick<IoSpec, 'shape'>[]): OutputKind {
  const wide = (o: Pick<IoSpec, 'shape'>) => o.shape.slice(o.shape.length > 1 ? 1 : 0).filter((d) => typeof d !== 'number' || d > 1).length;
  return outputs.some((o) => wide(o) >= 2) ? 'dense-map' : 'logits';
}

const OUTPUT_DTYPES: readonly TensorSpec['dtype'][] = ['float32', 'int32', 'int64', 'uint8'];

/** Output specs from the accounting (shapes concrete after shape inference); unknown dims are left out of the shape. */
export function outputSpecs(outputs: readonly IoSpec[]): TensorSpec[] {
  return outputs.map((o) => ({
    name: o.name,
    dtype: OUTPUT_DTYPES.includes(o.dtype as TensorSpec['dtype']) ? (o.dtype as TensorSpec['dtype']) : 'float32',
    shape: o.shape.filter((d): d is number => typeof d === 'number' && d > 0),
  }));
}

export interface UploadPlanInput {
  fileName: string;
  baseBytes: ArrayBuffer;
  baseSha256: string;
  inputs: TensorSpec[];
  /** the person's samples and the inputs' source; absent = synthetic */
  inputSet?: InputSet;
  outputs: TensorSpec[];
  variants: readonly ForgedVariant[];
  outputKind: OutputKind;
  toleranceFor: (variant: string, kind: OutputKind) => StatedTolerance;
  backends: readonly Backend[];
}

/**
 * The dropped model (fp32, the fidelity reference) and its forged variants as run-planner models,
 * and the cells that profile each on onnxruntime-web's chosen backends. Bytes stay in memory: the
 * measurement worker gets them with the job, no server involved.
 */
export function buildUploadPlan(p: UploadPlanInput): { models: PlanModel[]; cells: CellSpec[] } {
  const id = uploadModelId(p.baseSha256);
  const stem = p.fileName.replace(/\.onnx$/i, '');
  const base: PlanModel = {
    id,
    variant: 'fp32',
    name: p.fileName,
    inputs: p.inputs,
    ...(p.inputSet ? { inputSet: p.inputSet } : {}),
    outputs: p.outputs,
    sources: { onnx: { format: 'onnx', bytes: p.baseBytes, fileName: p.fileName } },
  };
  const variants = p.variants.map((v): PlanModel => {
    const stated = p.toleranceFor(v.variant, p.outputKind);
    return {
      id,
      variant: v.variant,
      name: `${p.fileName} · ${v.variant}`,
      baseModelId: id,
      tolerance: stated.tolerance,
      judged: stated.judged,
      inputs: p.inputs,
      ...(p.inputSet ? { inputSet: p.inputSet } : {}),
      outputs: p.outputs,
      sources: { onnx: { format: 'onnx', bytes: v.bytes, fileName: `${stem}.${v.variant}.onnx` } },
    };
  });
  const models = [base, ...variants];
  const cells = models.flatMap((m) => p.backends.map((backend): CellSpec => ({ modelId: id, variant: m.variant, runtime: 'ort', backend })));
  return { models, cells };
}

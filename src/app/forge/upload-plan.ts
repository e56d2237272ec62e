import type { Backend, CellSpec, TensorSpec } from '../../core/cell.js';
import type { InputSet } from '../../core/inputs/input-set.js';
import type { ForgedVariant } from '../../client/forge-protocol.js';
import type { PlanModel } from '../../client/plan-model.js';
import type { OutputKind, StatedTolerance } from '../../forge/variant-registry.js';

export { guessOutputKind, outputSpecs } from '../../run/model-signature.js';

/** A dropped model's id: its content, so the same file gets the same id in every session. */
export function uploadModelId(sha256: string): string {
  return `upload-${sha256.slice(0, 8)}`;
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

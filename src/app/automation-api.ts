import type { CellSpec, ProtocolInput } from '../core/cell.js';
import { protocolSchema } from '../core/cell.js';
import type { Environment } from '../core/environment.js';
import type { ResultRecord } from '../core/result-schema.js';
import type { TensorSpec } from '../core/cell.js';
import type { CellProgress } from '../core/worker-protocol.js';
import type { PageInputSet } from '../run/prepare-file-models.js';
import { decodeSamples } from '../core/inputs/sample-transport.js';
import { planModelFromManifest, type ManifestModelLike, type PlanModel } from '../client/plan-model.js';
import type { HarnessOverhead } from '../measure/harness-overhead.js';

/** What the headless runner (Playwright) calls; the UI drives the same functions. */
export interface AutomationPlan {
  cells: CellSpec[];
  protocol?: ProtocolInput;
  /** extra ONNX models given as bytes (base64), e.g. a deliberately corrupt one */
  customModels?: { id: string; name: string; inputs: TensorSpec[]; outputs: TensorSpec[]; onnxBase64: string }[];
  /** a user's model files (and variants forged from them) served by the runner; `files` paths are relative to `modelsBaseUrl` */
  models?: (ManifestModelLike & { inputSet?: PageInputSet })[];
  modelsBaseUrl?: string;
}

export interface EdgewattAutomation {
  ready: true;
  modelIds(): string[];
  environment(): Promise<Environment>;
  run(plan: AutomationPlan): Promise<{ environment: Environment; results: ResultRecord[] }>;
  /** benchmark only: the measurement loop against a bare loop of the same run call */
  harnessOverhead(cell: CellSpec, protocol?: ProtocolInput): Promise<HarnessOverhead>;
}

declare global {
  interface Window {
    edgewatt?: EdgewattAutomation;
    /** set by the headless runner with page.exposeFunction to stream records out as they finish */
    __edgewattOnResult?: (record: ResultRecord, index: number, total: number) => Promise<void> | void;
    __edgewattOnProgress?: (cell: CellSpec, progress: CellProgress) => void;
  }
}

export function customPlanModels(plan: AutomationPlan): PlanModel[] {
  return (plan.customModels ?? []).map((m) => {
    const bin = atob(m.onnxBase64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return { id: m.id, variant: 'fp32', name: m.name, inputs: m.inputs, outputs: m.outputs, sources: { onnx: { format: 'onnx', bytes: bytes.buffer, fileName: `${m.id}.onnx` } } };
  });
}

/** Models of the plan itself; they shadow zoo models of the same id and variant. */
export function planModelsOf(plan: AutomationPlan): PlanModel[] {
  const base = new URL(plan.modelsBaseUrl ?? '/user-models/', location.href).href;
  return [...(plan.models ?? []).map((m) => withInputSet(planModelFromManifest(m, base), m.inputSet)), ...customPlanModels(plan)];
}

/** The runner's input set (samples base64 for the trip through evaluate) as the run planner takes it. */
function withInputSet(model: PlanModel, set: PageInputSet | undefined): PlanModel {
  if (!set) return model;
  return { ...model, inputSet: { source: set.source, warnings: set.warnings, ...(set.samples ? { samples: decodeSamples(set.samples, model.inputs) } : {}) } };
}

export function protocolOf(plan: AutomationPlan) {
  return protocolSchema.parse(plan.protocol ?? {});
}

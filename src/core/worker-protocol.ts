import type { Backend, CellSpec, Protocol } from './cell.js';
import type { GpuInfo } from './environment.js';
import type { Phases } from './result-schema.js';
import type { Feeds, ModelHandleSpec, Outputs } from './runtime-adapter.js';
import type { SerializedError } from './serialized-error.js';

/**
 * The message contract between the page and the measurement worker (Comlink). Kept in its
 * own file so both sides, and the type tests, depend on the contract and not on each other.
 */
export type ModelSourceRef =
  | { format: 'onnx'; url: string }
  | { format: 'onnx'; bytes: ArrayBuffer; fileName: string }
  | { format: 'tfjs'; url: string };

export interface CellJob {
  cell: CellSpec;
  model: ModelHandleSpec;
  source: ModelSourceRef;
  protocol: Protocol;
  /**
   * The user's samples, one Feeds per sample in `model.inputs` order: timed runs use the first,
   * the fidelity set uses them all (up to 16). Absent: seeded inputs from the specs.
   */
  samples?: Feeds[];
}

export type CellPhase = 'probe' | 'fetch' | 'load' | 'first-run' | 'warmup' | 'steady' | 'fidelity';
export interface CellProgress {
  phase: CellPhase;
  done?: number;
  target?: number;
}

export type CellOutcome =
  | {
      state: 'completed';
      effectiveBackend: Backend;
      runtimeVersion: string;
      threads: number;
      warnings: string[];
      phases: Phases;
      /** outputs for the fixed fidelity input set, compared on the page with the reference */
      fidelityOutputs: Outputs[];
    }
  | { state: 'skipped'; reason: string; hint: string }
  | { state: 'errored'; error: SerializedError };

export type OutputsOutcome = { state: 'completed'; outputs: Outputs[]; runtimeVersion: string } | { state: 'errored'; error: SerializedError };

export interface WorkerDescription {
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  timerResolutionMs: number | null;
  gpu: { available: true; adapter: GpuInfo } | { available: false; reason: string };
}

export type { HarnessOverhead as HarnessOverheadFigures } from '../measure/harness-overhead.js';
import type { HarnessOverhead } from '../measure/harness-overhead.js';

export interface MeasureWorkerApi {
  describe(): Promise<WorkerDescription>;
  runCell(job: CellJob, onProgress?: (p: CellProgress) => void): Promise<CellOutcome>;
  /** run the fixed fidelity inputs only (the fp32 WASM reference), no timing */
  computeOutputs(job: CellJob): Promise<OutputsOutcome>;
  /** benchmark only: the protocol's loop vs a bare loop of the same run call */
  harnessOverhead(job: CellJob): Promise<HarnessOverhead>;
}

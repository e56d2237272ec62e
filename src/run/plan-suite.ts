import { isSupportedCell, protocolSchema, type Backend, type CellSpec, type Protocol, type RuntimeName } from '../core/cell.js';
import { UsageError } from '../bench/exit-codes.js';
import type { Suite } from '../bench/suite-schema.js';
import type { FileModelEntry } from './prepare-file-models.js';

/** Command-line narrowing of a suite; each list, when given, replaces the suite's own. */
export interface SuiteOverrides {
  models?: readonly string[];
  runtimes?: readonly RuntimeName[];
  backends?: readonly Backend[];
  /** WASM threads for every cell (0: the runtime chooses) */
  threads?: number;
}

export interface PlannedCell {
  cell: CellSpec;
  /** 1-based repetition index; repetitions of a cell run one after another */
  repetition: number;
}

export interface SuitePlan {
  suite: Suite;
  protocol: Protocol;
  /** in run order: model, variant, runtime, backend, repetition */
  cells: PlannedCell[];
  /** combinations left out because the runtime does not offer the backend, with why */
  unsupported: { cell: CellSpec; reason: string }[];
  /** the user's model files and the variants forged from them (absent: zoo models only) */
  fileModels: FileModelEntry[];
  /** zoo ids the plan runs: the zoo must be built for these */
  zooModels: string[];
}

/** A suite's `models` entry that names a file (a path, or an .onnx / model.json name) rather than a zoo id. */
export function isModelPath(entry: string): boolean {
  return /[\\/]/.test(entry) || /\.(onnx|json)$/i.test(entry);
}

/**
 * Expand a suite into the cells to run: zoo ids × the suite's variants, then the user's model
 * files × the variants forged from them. Unsupported runtime × backend pairs are reported, not
 * silently dropped, so the summary can say why a row is absent.
 */
export function planSuite(suite: Suite, overrides: SuiteOverrides = {}, fileModels: readonly FileModelEntry[] = []): SuitePlan {
  const models = unique(overrides.models ?? suite.models).filter((m) => !isModelPath(m));
  const runtimes = unique(overrides.runtimes ?? suite.runtimes);
  const backends = unique(overrides.backends ?? suite.backends);
  const variants = unique(suite.variants);
  const cells: PlannedCell[] = [];
  const unsupported: SuitePlan['unsupported'] = [];
  const add = (cell: CellSpec, missingForm?: string) => {
    if (!isSupportedCell(cell.runtime, cell.backend)) {
      // reported once per model × variant, which is how the summary lists cells
      unsupported.push({ cell, reason: `${cell.runtime} has no ${cell.backend} backend` });
      return;
    }
    if (missingForm) {
      unsupported.push({ cell, reason: missingForm });
      return;
    }
    for (let repetition = 1; repetition <= suite.repetitions; repetition++) cells.push({ cell, repetition });
  };
  for (const modelId of models) for (const variant of variants) for (const runtime of runtimes) for (const backend of backends) add({ modelId, variant, runtime, backend });
  // a file has one form: ONNX runs on ort, a TF.js folder on tfjs; the other runtime is said, not tried
  for (const m of fileModels) {
    for (const runtime of fileRuntimes(m, overrides.runtimes)) {
      const form = runtime === 'ort' ? m.files.onnx : m.files.tfjs;
      const missing = form ? undefined : `${m.file.name} is ${m.files.onnx ? 'an ONNX file' : 'a TF.js model'}; ${runtime} runs ${runtime === 'ort' ? 'ONNX files' : 'TF.js folders'}`;
      for (const backend of backends) add({ modelId: m.id, variant: m.variant, runtime, backend }, missing);
    }
  }
  // extra cells follow the grid, narrowed by the same command-line lists
  for (const extra of suite.extraCells) {
    if (!models.includes(extra.modelId) && overrides.models) continue;
    if (!runtimes.includes(extra.runtime) || !backends.includes(extra.backend)) continue;
    for (let repetition = 1; repetition <= suite.repetitions; repetition++) cells.push({ cell: { ...extra }, repetition });
  }
  if (cells.length === 0) {
    throw new UsageError(
      unsupported.length > 0 ? `nothing to run: ${[...new Set(unsupported.map((u) => u.reason))].join('; ')}` : 'nothing to run: no model in the plan',
      'ort offers wasm and webgpu and runs ONNX files; tfjs offers webgpu, wasm, webgl and cpu and runs TF.js folders',
    );
  }
  const protocol = protocolSchema.parse({ ...suite.protocol, ...(overrides.threads !== undefined ? { threads: overrides.threads } : {}) });
  const zooModels = [...models, ...suite.extraCells.map((c) => c.modelId)].filter((m) => cells.some((c) => c.cell.modelId === m) && !fileModels.some((f) => f.id === m));
  return { suite, protocol, cells, unsupported, fileModels: [...fileModels], zooModels: unique(zooModels) };
}

/** Runtimes to ask for a file: the ones asked for on the command line, else the one its format runs on. */
function fileRuntimes(m: FileModelEntry, asked: readonly RuntimeName[] | undefined): RuntimeName[] {
  if (asked) return unique(asked);
  return m.files.onnx ? ['ort'] : ['tfjs'];
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

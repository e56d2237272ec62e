import { isSupportedCell, protocolSchema, type Backend, type CellSpec, type Protocol, type RuntimeName } from '../core/cell.js';
import { UsageError } from './exit-codes.js';
import type { Suite } from './suite-schema.js';

/** Command-line narrowing of a suite; each list, when given, replaces the suite's own. */
export interface SuiteOverrides {
  models?: readonly string[];
  runtimes?: readonly RuntimeName[];
  backends?: readonly Backend[];
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
}

/**
 * Expand a suite into the cells to run. Unsupported runtime × backend pairs are reported, not
 * silently dropped, so the summary can say why a row is absent.
 */
export function planSuite(suite: Suite, overrides: SuiteOverrides = {}): SuitePlan {
  const models = unique(overrides.models ?? suite.models);
  const runtimes = unique(overrides.runtimes ?? suite.runtimes);
  const backends = unique(overrides.backends ?? suite.backends);
  const variants = unique(suite.variants);
  const cells: PlannedCell[] = [];
  const unsupported: SuitePlan['unsupported'] = [];
  for (const modelId of models) {
    for (const variant of variants) {
      for (const runtime of runtimes) {
        for (const backend of backends) {
          const cell: CellSpec = { modelId, variant, runtime, backend };
          if (!isSupportedCell(runtime, backend)) {
            // reported once per model × variant, which is how the summary lists cells
            unsupported.push({ cell, reason: `${runtime} has no ${backend} backend` });
            continue;
          }
          for (let repetition = 1; repetition <= suite.repetitions; repetition++) cells.push({ cell, repetition });
        }
      }
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
      `nothing to run: no runtime in [${runtimes.join(', ')}] offers any backend in [${backends.join(', ')}]`,
      'ort offers wasm and webgpu; tfjs offers webgpu, wasm, webgl and cpu',
    );
  }
  return { suite, protocol: protocolSchema.parse(suite.protocol), cells, unsupported };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

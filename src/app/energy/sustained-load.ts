import type { CellSpec } from '../../core/cell.js';
import { protocolSchema } from '../../core/cell.js';
import type { CellJob, CellOutcome } from '../../core/worker-protocol.js';
import type { PlanModel } from '../../client/plan-model.js';
import { MeasureWorkerClient } from '../../client/worker-client.js';
import { createMeasureWorker } from '../create-worker.js';
import type { LoadInfo, SustainedLoad } from './calibration-run.js';

/** The first chunk is short so the backend and thread count are known early; later ones long, so reloads are rare. */
const FIRST_CHUNK_MS = 1_000;
const CHUNK_MS = 30_000;

/**
 * Sustained inference for the battery calibration: one worker runs the chosen cell's measurement
 * loop in chunks until stopped. Each chunk reloads the model (a fraction of a second per 30 s).
 */
export function sustainedLoad(model: PlanModel, cell: CellSpec, threads = 0): SustainedLoad {
  return async (signal: AbortSignal): Promise<LoadInfo> => {
    const source = cell.runtime === 'ort' ? model.sources.onnx : model.sources.tfjs;
    if (!source) throw new Error(`${model.name} has no ${cell.runtime === 'ort' ? 'ONNX' : 'TF.js'} version: pick the other runtime`);
    const aborted = new Promise<'aborted'>((resolve) => {
      if (signal.aborted) resolve('aborted');
      signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    const client = new MeasureWorkerClient({ createWorker: createMeasureWorker });
    let info: Omit<LoadInfo, 'chunks'> | null = null;
    let chunks = 0;
    try {
      while (!signal.aborted) {
        const protocol = protocolSchema.parse({
          budgetMs: chunks === 0 ? FIRST_CHUNK_MS : CHUNK_MS,
          samplesMin: 10,
          samplesMax: 1_000_000,
          warmupMax: 10,
          fidelityInputs: 1,
          threads,
          timeoutMs: 10 * 60_000,
        });
        const job: CellJob = { cell, model: { modelId: model.id, inputs: model.inputs, outputs: model.outputs }, source, protocol };
        const r = await Promise.race([client.call<CellOutcome>('Calibration load', protocol.timeoutMs, (api) => api.runCell(job)), aborted]);
        if (r === 'aborted') break;
        if (r.state === 'errored') throw new Error(r.error.message);
        if (r.state === 'skipped') throw new Error(`${r.reason} — ${r.hint}`);
        info ??= { backend: r.effectiveBackend, threads: r.threads };
        chunks += 1;
      }
    } finally {
      client.terminate();
    }
    if (!info) throw new Error('the load was stopped before its first measurement finished, so its backend and thread count are unknown: run the load phase longer');
    return { ...info, chunks };
  };
}

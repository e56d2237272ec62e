import type { CellSpec, Protocol } from '../core/cell.js';
import type { PlanModel } from '../client/plan-model.js';
import { MeasureWorkerClient } from '../client/worker-client.js';
import { createMeasureWorker } from './create-worker.js';

/** Benchmark hook: the protocol's loop against a bare loop, in a worker like a real cell. */
export async function measureHarnessOverhead(models: readonly PlanModel[], cell: CellSpec, protocol: Protocol) {
  const model = models.find((m) => m.id === cell.modelId && m.variant === cell.variant);
  const source = cell.runtime === 'ort' ? model?.sources.onnx : model?.sources.tfjs;
  if (!model || !source) throw new Error(`No ${cell.runtime} version of model ${cell.modelId}`);
  const client = new MeasureWorkerClient({ createWorker: createMeasureWorker });
  try {
    return await client.call('Harness overhead', protocol.timeoutMs * 4, (api) =>
      api.harnessOverhead({ cell, model: { modelId: model.id, inputs: model.inputs, outputs: model.outputs }, source, protocol }),
    );
  } finally {
    client.terminate();
  }
}

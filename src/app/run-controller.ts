import type { CellSpec, Protocol } from '../core/cell.js';
import type { Environment } from '../core/environment.js';
import type { ResultRecord } from '../core/result-schema.js';
import type { CellProgress } from '../core/worker-protocol.js';
import { collectEnvironment } from '../client/collect-environment.js';
import { createEstimator } from '../client/estimation-stage.js';
import { loadEstimationSettings } from './estimation-settings-store.js';
import type { PlanModel } from '../client/plan-model.js';
import type { ResultHistory } from '../client/result-history-idb.js';
import { runPlan } from '../client/run-plan.js';
import { MeasureWorkerClient } from '../client/worker-client.js';
import type { AppContext } from './app-context.js';
import { createMeasureWorker } from './create-worker.js';

export interface RunEvents {
  onStart?(): void;
  onCellStart?(cell: CellSpec, index: number, total: number): void;
  onProgress?(cell: CellSpec, p: CellProgress): void;
  onResult?(record: ResultRecord, index: number, total: number): void | Promise<void>;
  onEnd?(): void;
}

/** One run at a time, shared by the Run button and the automation API. */
export class RunController {
  readonly observers = new Set<RunEvents>();
  models: PlanModel[] = [];
  loadError: string | null = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly history: ResultHistory | null,
  ) {}

  get busy(): boolean {
    return this.controller !== null;
  }

  stop(): void {
    this.controller?.abort();
  }

  async describeEnvironment(records: readonly ResultRecord[]): Promise<Environment> {
    const client = new MeasureWorkerClient({ createWorker: createMeasureWorker });
    try {
      const described = await client.call('Describing the device', 30_000, (api) => api.describe());
      const versions: Record<string, string> = {};
      for (const r of records) if (r.state === 'completed') versions[r.cell.runtime === 'ort' ? 'onnxruntime-web' : 'tensorflow.js'] = r.runtimeVersion;
      const env = await collectEnvironment(described, versions);
      this.ctx.setEnvironment(env);
      return env;
    } finally {
      client.terminate();
    }
  }

  private emit<K extends keyof RunEvents>(key: K, ...args: Parameters<NonNullable<RunEvents[K]>>): Promise<unknown[]> {
    return Promise.all([...this.observers].map((o) => (o[key] as ((...a: unknown[]) => unknown) | undefined)?.(...args)));
  }

  async execute(cells: CellSpec[], protocol: Protocol, extraModels: PlanModel[]): Promise<{ environment: Environment; results: ResultRecord[] }> {
    if (this.controller) throw new Error('A run is already in progress; wait for it or press Stop.');
    this.controller = new AbortController();
    void this.emit('onStart');
    try {
      // the environment is read before the cells run: estimates need it, and it is what the cells ran on
      const environment = await this.describeEnvironment([]);
      const { estimator } = await createEstimator(environment, loadEstimationSettings());
      const results = await runPlan(
        // models given with the run come first: a user's file named like a zoo model is still the user's file
        { models: [...extraModels, ...this.models], cells, protocol },
        { createWorker: createMeasureWorker, enrich: estimator },
        {
          onCellStart: (cell, i, n) => void this.emit('onCellStart', cell, i, n),
          onProgress: (cell, p) => void this.emit('onProgress', cell, p),
          onResult: async (record, i, n) => {
            // persisted before anything else sees it: a crash right after loses nothing
            await this.history?.add(record);
            this.ctx.addResult(record);
            await this.emit('onResult', record, i, n);
          },
        },
        this.controller.signal,
      );
      return { environment: await this.describeEnvironment(results), results };
    } finally {
      this.controller = null;
      void this.emit('onEnd');
    }
  }
}

import type { CellSpec, Protocol } from '../core/cell.js';
import { cellKey } from '../core/cell.js';
import type { Environment } from '../core/environment.js';
import type { ResultRecord } from '../core/result-schema.js';
import type { CellProgress } from '../core/worker-protocol.js';
import { collectEnvironment } from '../client/collect-environment.js';
import type { PlanModel } from '../client/plan-model.js';
import { planModelFromManifest } from '../client/plan-model.js';
import { ResultHistory } from '../client/result-history-idb.js';
import { runPlan } from '../client/run-plan.js';
import { MeasureWorkerClient } from '../client/worker-client.js';
import { customPlanModels, protocolOf, type AutomationPlan } from './automation-api.js';
import { cellsFor, renderCellPicker } from './cell-picker.js';
import { createMeasureWorker } from './create-worker.js';
import { renderEnvironment } from './environment-panel.js';
import { el } from './format.js';
import { loadManifest, MODELS_BASE_URL } from './load-manifest.js';
import { renderProtocolPicker } from './protocol-picker.js';
import { renderResultsTable } from './results-table.js';

const $ = (id: string) => document.getElementById(id)!;

const isolation = $('isolation');
isolation.textContent = crossOriginIsolated ? 'cross-origin isolated: 5 µs timers, WASM threads' : 'NOT cross-origin isolated: 100 µs timers, no WASM threads';
isolation.className = `badge ${crossOriginIsolated ? 'ok' : 'warn'}`;

let models: PlanModel[] = [];
let shown: ResultRecord[] = [];
let controller: AbortController | null = null;
const historyPromise = ResultHistory.open().catch(() => null);

async function describeEnvironment(records: readonly ResultRecord[]): Promise<Environment> {
  const client = new MeasureWorkerClient({ createWorker: createMeasureWorker });
  try {
    const described = await client.call('Describing the device', 30_000, (api) => api.describe());
    const versions: Record<string, string> = {};
    for (const r of records) if (r.state === 'completed') versions[r.cell.runtime === 'ort' ? 'onnxruntime-web' : 'tensorflow.js'] = r.runtimeVersion;
    return await collectEnvironment(described, versions);
  } finally {
    client.terminate();
  }
}

function progressLine(cell: CellSpec, text: string): void {
  const id = `progress-${cellKey(cell).replaceAll('/', '-')}`;
  let li = document.getElementById(id);
  if (!li) $('progress').append((li = el('li', { id })));
  li.textContent = `${cellKey(cell)}: ${text}`;
}

function describeProgress(p: CellProgress): string {
  return p.target ? `${p.phase} ${p.done ?? 0}/${p.target}` : p.phase;
}

async function execute(cells: CellSpec[], protocol: Protocol, extraModels: PlanModel[]): Promise<{ environment: Environment; results: ResultRecord[] }> {
  controller = new AbortController();
  ($('run') as HTMLButtonElement).disabled = true;
  ($('stop') as HTMLButtonElement).disabled = false;
  $('progress').replaceChildren();
  const history = await historyPromise;
  const startedWith = shown.length;
  try {
    const results = await runPlan(
      { models: [...models, ...extraModels], cells, protocol },
      { createWorker: createMeasureWorker },
      {
        onCellStart: (cell, i, n) => progressLine(cell, `starting (${i + 1} of ${n})`),
        onProgress: (cell, p) => {
          progressLine(cell, describeProgress(p));
          window.__edgewattOnProgress?.(cell, p);
        },
        onResult: async (record, i, n) => {
          await history?.add(record);
          shown = [...shown, record];
          renderResultsTable($('results-table'), shown);
          progressLine(record.cell, record.state);
          await window.__edgewattOnResult?.(record, i, n);
        },
      },
      controller.signal,
    );
    const environment = await describeEnvironment(shown.slice(startedWith));
    renderEnvironment($('environment-panel'), environment);
    return { environment, results };
  } finally {
    controller = null;
    ($('run') as HTMLButtonElement).disabled = false;
    ($('stop') as HTMLButtonElement).disabled = true;
  }
}

async function measureHarnessOverhead(cell: CellSpec, protocol: Protocol) {
  const model = models.find((m) => m.id === cell.modelId);
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

async function boot(): Promise<void> {
  const pickerHost = $('model-picker');
  const selectedCells = renderCellPicker($('cell-picker'));
  const protocol = renderProtocolPicker($('protocol-picker'));
  const history = await historyPromise;
  shown = (await history?.all()) ?? [];
  renderResultsTable($('results-table'), shown);
  try {
    const manifest = await loadManifest();
    models = manifest.models.map((m) => planModelFromManifest(m, MODELS_BASE_URL));
  } catch (err) {
    pickerHost.append(el('p', { class: 'error', role: 'alert' }, err instanceof Error ? `${err.message}. ${(err as { hint?: string }).hint ?? ''}` : String(err)));
  }
  const select = el('select', { id: 'model-select', multiple: '', size: String(Math.min(6, Math.max(2, models.length))), 'aria-label': 'Models to profile' });
  for (const m of models) {
    const opt = el('option', { value: m.id }, m.name);
    opt.selected = true;
    select.append(opt);
  }
  pickerHost.append(el('label', { for: 'model-select' }, 'Models '), select);

  const run = $('run') as HTMLButtonElement;
  run.disabled = models.length === 0;
  run.addEventListener('click', () => {
    const ids = [...select.selectedOptions].map((o) => o.value);
    void execute(cellsFor(ids, selectedCells()), protocol(), []);
  });
  $('stop').addEventListener('click', () => controller?.abort());

  window.edgewatt = {
    ready: true,
    modelIds: () => models.map((m) => m.id),
    environment: () => describeEnvironment([]),
    run: (plan: AutomationPlan) => execute(plan.cells, protocolOf(plan), customPlanModels(plan)),
    harnessOverhead: (cell, protocolInput) => measureHarnessOverhead(cell, protocolOf({ cells: [], protocol: protocolInput })),
  };
  document.body.dataset.ready = 'true';
}

void boot();

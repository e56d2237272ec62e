import * as Comlink from 'comlink';
import type { CellSpec, Protocol } from '../core/cell.js';
import { cellKey } from '../core/cell.js';
import type { BackendAgreement, Fidelity, ResultRecord } from '../core/result-schema.js';
import type { Outputs } from '../core/runtime-adapter.js';
import { serializeError } from '../core/serialized-error.js';
import type { CellJob, CellOutcome, CellProgress, ModelSourceRef, OutputsOutcome } from '../core/worker-protocol.js';
import { toleranceForVariant } from '../core/compare-outputs.js';
import { agreementKey, agreementReferenceFor, backendAgreementOf, compareWithReference, isReferenceCell, referenceCellFor, referenceCellLabel, type ReferenceCell, type ReferenceOutputs } from './backend-agreement.js';
import type { PlanModel } from './plan-model.js';
import { erroredRecord, recordFromOutcome, skippedRecord } from './record-builder.js';
import { MeasureWorkerClient, WorkerCallError } from './worker-client.js';

export interface RunPlan {
  models: PlanModel[];
  cells: CellSpec[];
  protocol: Protocol;
}

export interface RunObserver {
  onCellStart?(cell: CellSpec, index: number, total: number): void;
  onProgress?(cell: CellSpec, progress: CellProgress): void;
  /** called once per cell, as soon as its record exists: sinks persist it right away */
  onResult?(record: ResultRecord, index: number, total: number): void | Promise<void>;
}

export interface RunDeps {
  createWorker: () => Worker;
  /** adds what the measurement alone cannot say (energy, carbon) before anyone sees the record */
  enrich?: (record: ResultRecord) => ResultRecord;
}

function sourceFor(model: PlanModel, cell: CellSpec): ModelSourceRef | undefined {
  return cell.runtime === 'ort' ? model.sources.onnx : model.sources.tfjs;
}

/**
 * Runs every cell in its own fresh worker, so each cell's load and first-run phases start
 * from the same cold state, and a crash or hang costs one cell only.
 */
export async function runPlan(plan: RunPlan, deps: RunDeps, observer: RunObserver = {}, signal?: AbortSignal): Promise<ResultRecord[]> {
  const records: ResultRecord[] = [];
  const references = new Map<string, ReferenceOutputs>();
  /** the same variant on the reference backend, for variants whose fidelity is not judged: one run per (model, variant) */
  const agreements = new Map<string, ReferenceOutputs>();
  const total = plan.cells.length;

  for (const [index, cell] of plan.cells.entries()) {
    if (signal?.aborted) break;
    observer.onCellStart?.(cell, index, total);
    const model = findModel(plan.models, cell.modelId, cell.variant);
    let record: ResultRecord;
    if (!model) {
      record = erroredRecord({ cell, modelName: cell.modelId }, { name: 'UnknownModel', message: `No model '${cell.modelId}' with variant '${cell.variant}' in this plan`, hint: 'Run `npm run models` to rebuild the zoo, then reload.' });
    } else {
      const source = sourceFor(model, cell);
      if (!source) {
        record = skippedRecord({ cell, modelName: model.name, modelFile: fileFor(model, cell) }, `${model.name} has no ${cell.runtime === 'ort' ? 'ONNX' : 'TF.js'} version`, 'Pick the other runtime for this model.');
      } else {
        const job: CellJob = { cell, model: { modelId: model.id, inputs: model.inputs, outputs: model.outputs }, source, protocol: plan.protocol, ...samplesOf(model) };
        // the reference runs to completion first, since a second busy worker would disturb the timing
        const baseId = model.baseModelId ?? model.id;
        if (!references.has(baseId)) {
          const base = findModel(plan.models, baseId, 'fp32') ?? model;
          references.set(baseId, await referenceOutputs(base, referenceCellFor(base, 'fp32'), plan.protocol, deps, model));
        }
        const agreementCell = agreementReferenceFor(model);
        const key = agreementKey(model);
        let agreement: AgreementCheck | undefined;
        if (agreementCell && isReferenceCell(cell, agreementCell)) agreement = { self: agreementCell };
        else if (agreementCell) {
          if (!agreements.has(key)) agreements.set(key, await referenceOutputs(model, agreementCell, plan.protocol, deps));
          agreement = { reference: agreements.get(key)! };
        }
        const ran = await runOneCell(job, model, references.get(baseId)!, agreement, deps, observer);
        record = ran.record;
        // the reference-backend cell's own outputs are the yardstick later cells of this variant need
        if (agreementCell && agreement && 'self' in agreement && ran.outputs && !agreements.has(key)) agreements.set(key, { cell: agreementCell, outputs: ran.outputs });
      }
    }
    if (deps.enrich) record = deps.enrich(record);
    records.push(record);
    await observer.onResult?.(record, index, total);
  }
  return records;
}

/** The user's samples for a job, when the model has them. */
function samplesOf(model: PlanModel): Pick<CellJob, 'samples'> {
  return model.inputSet?.samples ? { samples: model.inputSet.samples } : {};
}

/** Every verdict records what its inputs were (DESIGN §3); a plan model without an inputSet ran on synthetic ones. */
function withInputSource<T extends Fidelity | BackendAgreement>(verdict: T, model: PlanModel): T {
  return verdict.state === 'compared' ? { ...verdict, inputSource: model.inputSet?.source ?? 'synthetic' } : verdict;
}

function fileFor(model: PlanModel, cell: CellSpec) {
  return cell.runtime === 'ort' ? model.fileFacts?.onnx : model.fileFacts?.tfjs;
}

function findModel(models: readonly PlanModel[], id: string, variant: string): PlanModel | undefined {
  return models.find((m) => m.id === id && m.variant === variant);
}

/** How a cell of a not-judged variant is checked: it is the reference backend itself, or it is compared with it. */
type AgreementCheck = { self: ReferenceCell } | { reference: ReferenceOutputs };

async function runOneCell(
  job: CellJob,
  model: PlanModel,
  reference: ReferenceOutputs,
  agreement: AgreementCheck | undefined,
  deps: RunDeps,
  observer: RunObserver,
): Promise<{ record: ResultRecord; outputs?: Outputs[] }> {
  const b = { cell: job.cell, modelName: model.name, modelFile: fileFor(model, job.cell) };
  const client = new MeasureWorkerClient({ createWorker: deps.createWorker });
  try {
    const onProgress = (p: CellProgress) => observer.onProgress?.(job.cell, p);
    const outcome = await client.call<CellOutcome>(`Cell ${cellKey(job.cell)}`, job.protocol.timeoutMs, (api) => api.runCell(job, proxyCallback(onProgress)));
    if (outcome.state !== 'completed') return { record: recordFromOutcome(b, outcome, notCompared('cell did not complete')) };
    const fidelity = withInputSource(fidelityOf(outcome.fidelityOutputs, reference, model), model);
    let backendAgreement: BackendAgreement | undefined;
    if (agreement && 'self' in agreement) backendAgreement = { state: 'not-compared', reason: `this cell is the reference (${referenceCellLabel(agreement.self)})` };
    else if (agreement) backendAgreement = withInputSource(backendAgreementOf(outcome.fidelityOutputs, agreement.reference, model), model);
    const withInputWarnings = { ...outcome, warnings: [...outcome.warnings, ...(model.inputSet?.warnings ?? [])] };
    const digestInputs = { seed: job.protocol.seed, inputs: job.samples && job.samples.length > 0 ? ('user' as const) : ('seeded' as const) };
    return { record: recordFromOutcome(b, withInputWarnings, fidelity, backendAgreement, digestInputs), outputs: outcome.fidelityOutputs };
  } catch (err) {
    const phase = err instanceof WorkerCallError ? 'worker' : 'client';
    return { record: erroredRecord(b, serializeError(err, phase)) };
  } finally {
    client.terminate();
  }
}

/** Outputs of `model` on `cell`, fed the inputs of `inputsOf` (the cell's model: a reference must see the cell's inputs). */
async function referenceOutputs(model: PlanModel, cell: ReferenceCell, protocol: Protocol, deps: RunDeps, inputsOf: PlanModel = model): Promise<ReferenceOutputs> {
  const source = cell.runtime === 'ort' ? model.sources.onnx : model.sources.tfjs;
  if (!source) return { cell, outputs: `the model has no file to run the ${cell.variant} reference on` };
  const client = new MeasureWorkerClient({ createWorker: deps.createWorker });
  try {
    const job: CellJob = {
      cell: { modelId: model.id, variant: cell.variant, runtime: cell.runtime, backend: cell.backend },
      model: { modelId: model.id, inputs: inputsOf.inputs, outputs: model.outputs },
      source,
      protocol,
      ...samplesOf(inputsOf),
    };
    const out = await client.call<OutputsOutcome>(`Reference outputs for ${model.name}`, protocol.timeoutMs, (api) => api.computeOutputs(job));
    return { cell, outputs: out.state === 'completed' ? out.outputs : `the reference run failed: ${out.error.message}` };
  } catch (err) {
    return { cell, outputs: `the reference run failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    client.terminate();
  }
}

function notCompared(reason: string): Fidelity {
  return { state: 'not-compared', reason };
}

/** Against the fp32 reference, at the variant's stated tolerance; a variant whose drift is by design says it is not judged. */
function fidelityOf(candidate: Outputs[], reference: ReferenceOutputs, model: PlanModel): Fidelity {
  const compared = compareWithReference(candidate, reference, model.tolerance ?? toleranceForVariant(model.variant), model);
  return compared.state === 'compared' && model.judged === false ? { ...compared, judged: false } : compared;
}

/** Comlink passes functions across the worker boundary only when wrapped in proxy(). */
function proxyCallback<T extends (...args: never[]) => unknown>(fn: T): T {
  return Comlink.proxy(fn) as unknown as T;
}

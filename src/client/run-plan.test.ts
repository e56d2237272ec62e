import { describe, expect, it } from 'vitest';
import type { Backend, CellSpec, RuntimeName } from '../core/cell.js';
import { protocolSchema } from '../core/cell.js';
import { computeLatencyStats } from '../core/compute-latency-stats.js';
import type { CompletedResult, ResultRecord } from '../core/result-schema.js';
import { resultRecordSchema } from '../core/result-schema.js';
import type { CellJob, CellOutcome, MeasureWorkerApi, OutputsOutcome } from '../core/worker-protocol.js';
import { fakeComlinkWorker } from './fake-worker.node.js';
import type { PlanModel } from './plan-model.js';
import { runPlan } from './run-plan.js';

/**
 * A fake device: each (variant, runtime, backend) computes fixed logits for the 3 fidelity inputs.
 * Pruning moves the logits by design; this device's WebGPU computes the pruned model wrongly.
 */
const FP32 = [2, -1, 0.5, 3];
const PRUNED = [1.6, -0.4, 0.9, 2.2];
const WRONG = [0.3, -1.5, 1.8, 1.1];
const TINY = 1e-6; // summation-order noise between correct backends

function logits(variant: string, runtime: RuntimeName, backend: Backend): number[] {
  if (variant === 'fp32' || variant === 'fp16') return FP32.map((v) => v + (backend === 'wasm' || backend === 'cpu' ? 0 : TINY));
  if (backend === 'webgpu') return WRONG;
  return PRUNED.map((v) => v + (backend === 'wasm' || (runtime === 'tfjs' && backend === 'cpu') ? 0 : TINY));
}

function outputsFor(cell: CellSpec, inputs: number): Float32Array[][] {
  return Array.from({ length: inputs }, (_, i) => [Float32Array.from(logits(cell.variant, cell.runtime, cell.backend), (v) => v * (i + 1))]);
}

function completed(job: CellJob): CellOutcome {
  const samplesMs = Array.from({ length: 50 }, (_, i) => 1 + (i % 5) * 0.01);
  return {
    state: 'completed',
    effectiveBackend: job.cell.backend,
    runtimeVersion: 'fake',
    threads: 1,
    warnings: [],
    phases: {
      fetchMs: 1,
      loadMs: 2,
      firstRunMs: 3,
      warmup: { runs: 3, samplesMs: [1, 1, 1], settled: true },
      steady: { samplesMs, runsPerSample: 1, wallMs: 60, stats: computeLatencyStats(samplesMs) },
    },
    fidelityOutputs: outputsFor(job.cell, job.protocol.fidelityInputs),
  };
}

interface Device {
  /** every computeOutputs call: the reference runs the planner asked for */
  referenceRuns: string[];
  createWorker: () => Worker;
}

function fakeDevice(opts: { failReference?: (cell: CellSpec) => boolean } = {}): Device {
  const referenceRuns: string[] = [];
  const api: Pick<MeasureWorkerApi, 'runCell' | 'computeOutputs'> = {
    async runCell(job) {
      return completed(job);
    },
    async computeOutputs(job): Promise<OutputsOutcome> {
      referenceRuns.push(`${job.cell.variant}/${job.cell.runtime}/${job.cell.backend}`);
      if (opts.failReference?.(job.cell)) return { state: 'errored', error: { name: 'Error', message: 'out of memory' } };
      return { state: 'completed', outputs: outputsFor(job.cell, job.protocol.fidelityInputs), runtimeVersion: 'fake' };
    },
  };
  return { referenceRuns, createWorker: () => fakeComlinkWorker(() => api).worker };
}

const SIGNATURE = { inputs: [{ name: 'input', shape: [1, 4], dtype: 'float32' as const }], outputs: [{ name: 'logits', shape: [1, 4], dtype: 'float32' as const }] };
const onnx = (f: string) => ({ onnx: { format: 'onnx' as const, url: `http://x/${f}.onnx` } });
const MODELS: PlanModel[] = [
  { id: 'cnn', variant: 'fp32', name: 'CNN', ...SIGNATURE, sources: onnx('cnn') },
  { id: 'cnn', variant: 'prune-struct-25', name: 'CNN · prune-struct-25', baseModelId: 'cnn', tolerance: { maxRelError: 0.5, minCosine: 0.5 }, judged: false, ...SIGNATURE, sources: { ...onnx('p25'), tfjs: { format: 'tfjs', url: 'http://x/p25/model.json' } } },
  { id: 'cnn', variant: 'fp16', name: 'CNN · fp16', baseModelId: 'cnn', tolerance: { maxRelError: 1e-2, minCosine: 0.999 }, judged: true, ...SIGNATURE, sources: onnx('fp16') },
  { id: 'tf', variant: 'fp32', name: 'TF', ...SIGNATURE, sources: { tfjs: { format: 'tfjs', url: 'http://x/tf/model.json' } } },
  { id: 'tf', variant: 'prune-50', name: 'TF · prune-50', baseModelId: 'tf', judged: false, ...SIGNATURE, sources: { tfjs: { format: 'tfjs', url: 'http://x/tf50/model.json' } } },
];
const protocol = protocolSchema.parse({ fidelityInputs: 3 });
const cell = (modelId: string, variant: string, runtime: RuntimeName, backend: Backend): CellSpec => ({ modelId, variant, runtime, backend });

function asCompleted(r: ResultRecord | undefined): CompletedResult {
  expect(r?.state).toBe('completed');
  expect(resultRecordSchema.safeParse(r).success).toBe(true);
  return r as CompletedResult;
}

describe('runPlan: a not-judged variant is checked against itself on the reference backend', () => {
  it('fails a backend that computes the pruned model wrongly, though its drift from fp32 is not judged', async () => {
    const device = fakeDevice();
    const cells = [cell('cnn', 'prune-struct-25', 'ort', 'webgpu'), cell('cnn', 'prune-struct-25', 'ort', 'wasm'), cell('cnn', 'prune-struct-25', 'tfjs', 'webgl')];
    const [webgpu, wasm, webgl] = (await runPlan({ models: MODELS, cells, protocol }, { createWorker: device.createWorker })).map(asCompleted);

    // fidelity vs fp32 stays shown-not-judged on every backend
    expect(webgpu!.fidelity.state === 'compared' && webgpu!.fidelity.judged).toBe(false);
    const a = webgpu!.backendAgreement;
    expect(a?.state).toBe('compared');
    if (a?.state !== 'compared') return;
    expect(a.reference).toEqual({ runtime: 'ort', backend: 'wasm', variant: 'prune-struct-25' });
    expect(a.pass).toBe(false);
    expect(a.cosineSimilarity).toBeLessThan(0.9);
    // fp32-level tolerance, not the forge's loose allowance for drift from fp32
    expect(a.tolerance).toEqual({ maxRelError: 1e-3, minCosine: 0.9999 });
    expect(webgpu!.warnings.join('\n')).toMatch(/Backends disagree.*ort\/wasm/);

    expect(webgl!.backendAgreement?.state === 'compared' && webgl!.backendAgreement.pass).toBe(true);
    expect(webgl!.warnings.join('\n')).not.toMatch(/Backends disagree/);
    expect(wasm!.backendAgreement).toEqual({ state: 'not-compared', reason: 'this cell is the reference (ort/wasm)' });
    // one fp32 reference for fidelity and one reference run of the variant for the whole plan
    expect(device.referenceRuns).toEqual(['fp32/ort/wasm', 'prune-struct-25/ort/wasm']);
  });

  it('uses the reference-backend cell’s own outputs when it runs first: no extra reference run', async () => {
    const device = fakeDevice();
    const cells = [cell('cnn', 'prune-struct-25', 'ort', 'wasm'), cell('cnn', 'prune-struct-25', 'ort', 'webgpu')];
    const [, webgpu] = (await runPlan({ models: MODELS, cells, protocol }, { createWorker: device.createWorker })).map(asCompleted);
    expect(webgpu!.backendAgreement?.state === 'compared' && webgpu!.backendAgreement.pass).toBe(false);
    expect(device.referenceRuns).toEqual(['fp32/ort/wasm']);
  });

  it('leaves judged variants to fidelity alone', async () => {
    const device = fakeDevice();
    const [fp16, fp32] = (await runPlan({ models: MODELS, cells: [cell('cnn', 'fp16', 'ort', 'webgpu'), cell('cnn', 'fp32', 'ort', 'webgpu')], protocol }, { createWorker: device.createWorker })).map(asCompleted);
    expect(fp16!.backendAgreement).toBeUndefined();
    expect(fp32!.backendAgreement).toBeUndefined();
    expect(device.referenceRuns).toEqual(['fp32/ort/wasm']);
  });

  it('checks a TF.js-only variant against TF.js cpu', async () => {
    const device = fakeDevice();
    const [webgpu] = (await runPlan({ models: MODELS, cells: [cell('tf', 'prune-50', 'tfjs', 'webgpu')], protocol }, { createWorker: device.createWorker })).map(asCompleted);
    const a = webgpu!.backendAgreement;
    expect(a?.state === 'compared' && a.reference).toEqual({ runtime: 'tfjs', backend: 'cpu', variant: 'prune-50' });
    expect(a?.state === 'compared' && a.pass).toBe(false);
    expect(device.referenceRuns).toEqual(['fp32/tfjs/cpu', 'prune-50/tfjs/cpu']);
  });

  it('says why when the variant’s reference run fails, and still completes the cell', async () => {
    const device = fakeDevice({ failReference: (c) => c.variant !== 'fp32' });
    const cells = [cell('cnn', 'prune-struct-25', 'ort', 'webgpu'), cell('cnn', 'prune-struct-25', 'tfjs', 'webgl')];
    const results = (await runPlan({ models: MODELS, cells, protocol }, { createWorker: device.createWorker })).map(asCompleted);
    for (const r of results) expect(r.backendAgreement).toEqual({ state: 'not-compared', reason: expect.stringMatching(/reference run failed: out of memory/) });
    // a failed reference is not retried for every cell
    expect(device.referenceRuns).toEqual(['fp32/ort/wasm', 'prune-struct-25/ort/wasm']);
  });
});

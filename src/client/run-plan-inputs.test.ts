import { describe, expect, it } from 'vitest';
import { protocolSchema } from '../core/cell.js';
import { computeLatencyStats } from '../core/compute-latency-stats.js';
import { inputSetOf } from '../core/inputs/input-set.js';
import { SYNTHETIC_INPUTS_CAVEAT } from '../core/inputs/input-source.js';
import { resolveInputs } from '../core/inputs/resolve-inputs.js';
import type { CompletedResult } from '../core/result-schema.js';
import type { Feeds } from '../core/runtime-adapter.js';
import type { CellJob, CellOutcome, MeasureWorkerApi, OutputsOutcome } from '../core/worker-protocol.js';
import { decideExitCode } from '../bench/exit-codes.js';
import { fakeComlinkWorker } from './fake-worker.node.js';
import type { PlanModel } from './plan-model.js';
import { runPlan } from './run-plan.js';

/**
 * A fake device whose fp16 variant overflows on large inputs: y = 2x in fp32, NaN in fp16 once
 * |x| > 1000. Every job's feeds are recorded, so the test sees which inputs each run got.
 */
function device() {
  const seen: { kind: 'cell' | 'reference'; variant: string; samples?: Feeds[] }[] = [];
  const outputs = (job: CellJob): Float32Array[][] => {
    const feeds = job.samples ?? [[new Float32Array([0.5, -0.5])]];
    return feeds.map((f) => [Float32Array.from(f[0] as Float32Array, (x) => (job.cell.variant === 'fp16' && Math.abs(x) > 1000 ? Number.NaN : 2 * x))]);
  };
  const api: Pick<MeasureWorkerApi, 'runCell' | 'computeOutputs'> = {
    async runCell(job): Promise<CellOutcome> {
      seen.push({ kind: 'cell', variant: job.cell.variant, ...(job.samples ? { samples: job.samples } : {}) });
      const samplesMs = Array.from({ length: 50 }, () => 1);
      return {
        state: 'completed', effectiveBackend: job.cell.backend, runtimeVersion: 'fake', threads: 1, warnings: [],
        phases: { fetchMs: 1, loadMs: 1, firstRunMs: 1, warmup: { runs: 3, samplesMs: [1, 1, 1], settled: true }, steady: { samplesMs, runsPerSample: 1, wallMs: 50, stats: computeLatencyStats(samplesMs) } },
        fidelityOutputs: outputs(job),
      };
    },
    async computeOutputs(job): Promise<OutputsOutcome> {
      seen.push({ kind: 'reference', variant: job.cell.variant, ...(job.samples ? { samples: job.samples } : {}) });
      return { state: 'completed', outputs: outputs(job), runtimeVersion: 'fake' };
    },
  };
  return { seen, createWorker: () => fakeComlinkWorker(() => api).worker };
}

const signature = { outputs: [{ name: 'y', shape: [1, 2], dtype: 'float32' as const }], sources: { onnx: { format: 'onnx' as const, url: 'http://x/m.onnx' } } };
const protocol = protocolSchema.parse({ fidelityInputs: 1 });
const cells = [{ modelId: 'm', variant: 'fp16', runtime: 'ort' as const, backend: 'wasm' as const }];

describe('runPlan with user inputs', () => {
  it('feeds the cell and its fp32 reference the same user samples, and names NaN outputs as wrong (exit 3)', async () => {
    const declared = [{ name: 'x', dtype: 'float32', shape: [1, 2] }];
    const resolved = resolveInputs(declared, { file: { file: 'audio.json', samples: [{ x: { origin: 'audio.json', kind: 'number', shape: [1, 2], data: [32767, -32768] } }] } });
    const base = { inputs: resolved.specs, inputSet: { ...inputSetOf(resolved), warnings: ['an input warning'] }, ...signature };
    const models: PlanModel[] = [
      { id: 'm', variant: 'fp32', name: 'M', ...base },
      { id: 'm', variant: 'fp16', name: 'M · fp16', baseModelId: 'm', ...base },
    ];
    const d = device();
    const [r] = (await runPlan({ models, cells, protocol }, { createWorker: d.createWorker })) as CompletedResult[];
    expect(d.seen.map((s) => `${s.kind}/${s.variant}`)).toEqual(['reference/fp32', 'cell/fp16']);
    expect(d.seen[0]!.samples).toEqual(d.seen[1]!.samples);
    expect(d.seen[1]!.samples![0]![0]).toEqual(new Float32Array([32767, -32768]));
    expect(r!.fidelity).toMatchObject({ state: 'compared', pass: false, inputSource: 'user-samples', nonFinite: { nan: 2, posInf: 0, negInf: 0, values: 2 } });
    expect(r!.nonFiniteOutputs).toEqual({ nan: 2, posInf: 0, negInf: 0, values: 2 });
    // outputs on the user's own samples: a digest the leaderboard knows it cannot re-create
    expect(r!.outputDigest).toMatchObject({ inputs: 'user', nonFinite: 2 });
    expect(r!.warnings).toEqual(expect.arrayContaining(['an input warning', expect.stringMatching(/^Non-finite outputs: NaN in 100 % of output values \(2 of 2\)/)]));
    expect(r!.warnings).not.toContain(SYNTHETIC_INPUTS_CAVEAT);
    const run = { results: [r!], notRun: [] } as never;
    expect(decideExitCode(run)).toMatchObject({ code: 3, reasons: [expect.stringMatching(/m\/fp16\/ort\/wasm gave wrong outputs: non-finite outputs: NaN in 100 %/)] });
  });

  it('without user inputs the verdict says it rests on synthetic inputs', async () => {
    const base = { inputs: [{ name: 'x', dtype: 'float32' as const, shape: [1, 2] }], ...signature };
    const models: PlanModel[] = [
      { id: 'm', variant: 'fp32', name: 'M', ...base },
      { id: 'm', variant: 'fp16', name: 'M · fp16', baseModelId: 'm', ...base },
    ];
    const [r] = (await runPlan({ models, cells, protocol }, { createWorker: device().createWorker })) as CompletedResult[];
    expect(r!.fidelity).toMatchObject({ pass: true, inputSource: 'synthetic' });
    expect(r!.warnings).toContain(SYNTHETIC_INPUTS_CAVEAT);
    // the record carries its proof of run: the digest of its outputs on the seeded fidelity inputs
    expect(r!.outputDigest).toMatchObject({ version: 1, seed: protocol.seed, inputs: 'seeded', nonFinite: 0 });
    expect(r!.outputDigest!.outputs[0]![0]!.count).toBe(r!.outputDigest!.outputs[0]![0]!.samples.length);
  });
});

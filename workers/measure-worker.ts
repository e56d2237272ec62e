import * as Comlink from 'comlink';
import type { CellJob, CellOutcome, CellProgress, MeasureWorkerApi, OutputsOutcome, WorkerDescription } from '../src/core/worker-protocol.js';
import type { LoadedModel, ModelPayload, Outputs } from '../src/core/runtime-adapter.js';
import { serializeError } from '../src/core/serialized-error.js';
import { FIDELITY_SEED_OFFSET, feedsFor, fidelityInputCount } from '../src/core/inputs/feeds-for.js';
import { measureSteadyState } from '../src/measure/measure-protocol.js';
import { compareHarnessOverhead } from '../src/measure/harness-overhead.js';
import { getAdapter } from './adapter-registry.js';
import { fetchOnnx, fetchTfjs } from './fetch-model.js';
import { BackendFallbackError, missingShaderF16, NotSupportedHereError } from './adapters/backend-fallback-error.js';
import { probeWebGpu } from './adapters/webgpu-probe.js';
import { timerResolutionMs } from './timer-resolution.js';

/**
 * What to do when the runtime itself failed and said only what went wrong (e.g. ORT's "OrtRun() …
 * ERROR_CODE: 2"): where the model loads but will not run, the inputs are the usual cause.
 */
const RUN_INPUTS_HINT =
  "The model loaded but the runtime could not run it on these inputs: check their shapes and values (--input-shape, --input-value for integer inputs such as a sample rate, --input-range, or real samples with --inputs); the runtime's message names the node that failed.";
const RUN_HINTS: Partial<Record<string, string>> = {
  'first-run': RUN_INPUTS_HINT,
  warmup: RUN_INPUTS_HINT,
  steady: RUN_INPUTS_HINT,
  fidelity: RUN_INPUTS_HINT,
  load: "The runtime could not create a session for this model: an operator or opset it lacks, or a damaged file; the runtime's message says which.",
};

/** A macrotask turn at progress points lets messages in while runs resolve in microtasks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));


async function fetchPayload(job: CellJob): Promise<{ payload: ModelPayload; fetchMs: number | null }> {
  const src = job.source;
  if ('bytes' in src) return { payload: { format: 'onnx', bytes: src.bytes }, fetchMs: null };
  const t0 = performance.now();
  const payload = src.format === 'onnx' ? await fetchOnnx(src.url) : await fetchTfjs(src.url);
  return { payload, fetchMs: performance.now() - t0 };
}

/** The user's samples when the job has them, else seeded inputs from the specs (ranges and values included). */
function jobFeeds(job: CellJob, seed: number, count: number) {
  return feedsFor({ specs: job.model.inputs, ...(job.samples ? { samples: job.samples } : {}) }, seed, count);
}

async function runFidelity(loaded: LoadedModel, job: CellJob): Promise<Outputs[]> {
  const sets = jobFeeds(job, job.protocol.seed + FIDELITY_SEED_OFFSET, fidelityInputCount(job.protocol.fidelityInputs, job.samples));
  const outputs: Outputs[] = [];
  for (const feeds of sets) outputs.push(await loaded.run(feeds));
  return outputs;
}

async function loadFor(job: CellJob, progress?: (p: CellProgress) => void) {
  const adapter = await getAdapter(job.cell.runtime);
  progress?.({ phase: 'probe' });
  const probe = await adapter.probe(job.cell.backend);
  if (!probe.available) return { skipped: { state: 'skipped' as const, reason: probe.reason, hint: probe.hint } };
  progress?.({ phase: 'fetch' });
  const { payload, fetchMs } = await fetchPayload(job);
  progress?.({ phase: 'load' });
  const t0 = performance.now();
  const loaded = await adapter.load(job.model, job.cell.backend, payload, job.protocol.threads);
  const loadMs = performance.now() - t0;
  if (loaded.effectiveBackend !== job.cell.backend) {
    await loaded.dispose();
    throw new BackendFallbackError(job.cell.backend, loaded.effectiveBackend);
  }
  return { adapter, loaded, fetchMs, loadMs };
}

const api: MeasureWorkerApi = {
  async describe(): Promise<WorkerDescription> {
    const gpu = await probeWebGpu();
    return {
      crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency ?? 0,
      timerResolutionMs: timerResolutionMs(),
      gpu: gpu.available && gpu.adapter ? { available: true, adapter: gpu.adapter } : { available: false, reason: gpu.available ? 'no adapter info' : gpu.reason },
    };
  },

  async runCell(job, onProgress): Promise<CellOutcome> {
    let phase = 'probe';
    const progress = (p: CellProgress) => {
      phase = p.phase;
      onProgress?.(p);
    };
    let loaded: LoadedModel | undefined;
    try {
      const r = await loadFor(job, progress);
      if ('skipped' in r) return r.skipped!;
      loaded = r.loaded;
      const [timingFeeds] = jobFeeds(job, job.protocol.seed, 1);
      await loaded.prepare(timingFeeds!);
      const measured = await measureSteadyState(() => loaded!.runPrepared(), job.protocol, { onProgress: progress, yieldToEventLoop });
      progress({ phase: 'fidelity' });
      const fidelityOutputs = await runFidelity(loaded, job);
      return {
        state: 'completed',
        effectiveBackend: loaded.effectiveBackend,
        runtimeVersion: r.adapter.version(),
        threads: loaded.threads,
        warnings: [...loaded.warnings],
        phases: { fetchMs: r.fetchMs, loadMs: r.loadMs, ...measured },
        fidelityOutputs,
      };
    } catch (err) {
      const notHere = err instanceof BackendFallbackError || err instanceof NotSupportedHereError ? err : missingShaderF16(err, job.model.modelId);
      if (notHere) return { state: 'skipped', reason: notHere.message, hint: notHere.hint };
      return { state: 'errored', error: serializeError(err, phase, (err as { hint?: string }).hint ?? RUN_HINTS[phase]) };
    } finally {
      await loaded?.dispose().catch(() => undefined);
    }
  },

  async computeOutputs(job): Promise<OutputsOutcome> {
    let loaded: LoadedModel | undefined;
    try {
      const r = await loadFor(job);
      if ('skipped' in r) return { state: 'errored', error: { name: 'Unavailable', message: r.skipped!.reason, hint: r.skipped!.hint } };
      loaded = r.loaded;
      return { state: 'completed', outputs: await runFidelity(loaded, job), runtimeVersion: r.adapter.version() };
    } catch (err) {
      return { state: 'errored', error: serializeError(err, 'reference') };
    } finally {
      await loaded?.dispose().catch(() => undefined);
    }
  },

  async harnessOverhead(job) {
    const r = await loadFor(job);
    if ('skipped' in r) throw new Error(r.skipped!.reason);
    const loaded = r.loaded;
    try {
      const [feeds] = jobFeeds(job, job.protocol.seed, 1);
      await loaded.prepare(feeds!);
      return await compareHarnessOverhead(() => loaded.runPrepared(), job.protocol);
    } finally {
      await loaded.dispose();
    }
  },
};

Comlink.expose(api);
// Announce readiness: a Comlink call posted before expose() ran would never settle.
self.postMessage({ type: 'edgewatt-worker-ready' });

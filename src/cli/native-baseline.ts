import fs from 'node:fs';
import type { Protocol, TensorSpec } from '../core/cell.js';
import type { NativeBaseline, RunReport } from '../core/result-schema.js';
import { feedsFor } from '../core/inputs/feeds-for.js';
import type { Feeds } from '../core/runtime-adapter.js';
import { measureSteadyState } from '../measure/measure-protocol.js';

type OrtNode = typeof import('onnxruntime-node');

async function loadOrtNode(): Promise<OrtNode | string> {
  try {
    return await import('onnxruntime-node');
  } catch (err) {
    return `onnxruntime-node could not be loaded (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); install it with ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node`;
  }
}

/**
 * Runs every ONNX model of a finished browser run natively (CPU, same thread count, same
 * seeded input, same protocol). Done after the browser has closed, so the two never compete
 * for the cores. A model that cannot run natively is reported with the reason.
 */
/** An ONNX file of the run as onnxruntime-node needs it. */
export interface NativeModel {
  id: string;
  variant: string;
  inputs: TensorSpec[];
  /** absolute path */
  file: string;
  /** the user's samples (one feed per sample, in `inputs` order): the first is timed, as in the browser */
  samples?: Feeds[];
}

export async function measureNativeBaselines(run: RunReport, models: readonly NativeModel[], log: (l: string) => void): Promise<NativeBaseline[]> {
  const wanted = new Map<string, { modelId: string; variant: string; threads: number }>();
  for (const r of run.results) {
    if (r.state !== 'completed' || r.cell.runtime !== 'ort') continue;
    const key = `${r.cell.modelId}/${r.cell.variant}`;
    const threads = Math.max(wanted.get(key)?.threads ?? 1, r.threads);
    wanted.set(key, { modelId: r.cell.modelId, variant: r.cell.variant, threads });
  }
  if (wanted.size === 0) return [];
  const ort = await loadOrtNode();
  const out: NativeBaseline[] = [];
  for (const w of wanted.values()) {
    const entry = models.find((m) => m.id === w.modelId && m.variant === w.variant);
    if (typeof ort === 'string') {
      out.push({ state: 'unavailable', ...pick(w), reason: ort });
      continue;
    }
    if (!entry) {
      out.push({ state: 'unavailable', ...pick(w), reason: 'no ONNX file for this model' });
      continue;
    }
    try {
      out.push(await measureOne(ort, entry, entry.file, w, run.protocol));
      log(`native: ${w.modelId}/${w.variant} on onnxruntime-node, ${w.threads} thread(s): done`);
    } catch (err) {
      out.push({ state: 'unavailable', ...pick(w), reason: `onnxruntime-node failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
    }
  }
  return out;
}

function pick(w: { modelId: string; variant: string }) {
  return { modelId: w.modelId, variant: w.variant };
}

async function measureOne(ort: OrtNode, entry: NativeModel, file: string, w: { modelId: string; variant: string; threads: number }, protocol: Protocol): Promise<NativeBaseline> {
  const session = await ort.InferenceSession.create(fs.readFileSync(file), { intraOpNumThreads: w.threads, interOpNumThreads: 1, executionProviders: ['cpu'] });
  try {
    // the same first feed the browser cell timed
    const [feeds] = feedsFor({ specs: entry.inputs, ...(entry.samples ? { samples: entry.samples } : {}) }, protocol.seed, 1);
    const tensors: Record<string, InstanceType<OrtNode['Tensor']>> = {};
    entry.inputs.forEach((spec, i) => (tensors[spec.name] = new ort.Tensor(spec.dtype, feeds![i] as Float32Array, spec.shape)));
    const measured = await measureSteadyState(async () => {
      const res = await session.run(tensors);
      for (const t of Object.values(res)) t.dispose?.();
    }, protocol);
    return {
      state: 'completed',
      ...pick(w),
      runtime: 'onnxruntime-node',
      runtimeVersion: ort.env.versions.node ?? ort.env.versions.common,
      threads: w.threads,
      runsPerSample: measured.steady.runsPerSample,
      stats: measured.steady.stats,
    };
  } finally {
    await session.release();
  }
}

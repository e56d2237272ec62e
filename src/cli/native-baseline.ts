import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from '../core/cell.js';
import type { ModelEntry } from '../core/model-manifest.js';
import type { NativeBaseline, RunReport } from '../core/result-schema.js';
import { feedsFor, type InputsForFeeds } from '../core/inputs/feeds-for.js';
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
 * for the cores. A model that cannot run natively is reported with the reason. `inputsOf` gives
 * a model's resolved inputs (the user's samples or ranges, as the browser cells had them);
 * without it the manifest's specs are used.
 */
export async function measureNativeBaselines(
  run: RunReport,
  models: readonly ModelEntry[],
  modelsDir: string,
  log: (l: string) => void,
  inputsOf?: (modelId: string, variant: string) => InputsForFeeds | undefined,
): Promise<NativeBaseline[]> {
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
    const entry = models.find((m) => m.id === w.modelId && (m.variant ?? 'fp32') === w.variant) ?? models.find((m) => m.id === w.modelId);
    if (typeof ort === 'string') {
      out.push({ state: 'unavailable', ...pick(w), reason: ort });
      continue;
    }
    if (!entry?.files.onnx) {
      out.push({ state: 'unavailable', ...pick(w), reason: 'no ONNX file for this model in the manifest' });
      continue;
    }
    try {
      const inputs = inputsOf?.(w.modelId, w.variant) ?? { specs: entry.inputs };
      out.push(await measureOne(ort, inputs, path.join(modelsDir, entry.files.onnx), w, run.protocol));
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

async function measureOne(ort: OrtNode, inputs: InputsForFeeds, file: string, w: { modelId: string; variant: string; threads: number }, protocol: Protocol): Promise<NativeBaseline> {
  const session = await ort.InferenceSession.create(fs.readFileSync(file), { intraOpNumThreads: w.threads, interOpNumThreads: 1, executionProviders: ['cpu'] });
  try {
    // the same first feed the browser cell timed
    const [feeds] = feedsFor(inputs, protocol.seed, 1);
    const tensors: Record<string, InstanceType<OrtNode['Tensor']>> = {};
    inputs.specs.forEach((spec, i) => (tensors[spec.name] = new ort.Tensor(spec.dtype, feeds![i] as Float32Array, spec.shape)));
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

import * as tf from '@tensorflow/tfjs';
import type { Backend } from '../../src/core/cell.js';
import type { BackendProbe, Feeds, LoadedModel, ModelHandleSpec, ModelPayload, Outputs, RuntimeAdapter } from '../../src/core/runtime-adapter.js';
import { HintedError } from '../../src/core/serialized-error.js';
import { BackendFallbackError } from './backend-fallback-error.js';
import { registerTfjsBackend, tfjsWasmThreads } from './tfjs-backends.js';
import { type TfjsRunnable, loadTfjsModel } from './tfjs-load-model.js';
import { probeWebGpu } from './webgpu-probe.js';

/**
 * TensorFlow.js on one backend. tfjs falls back quietly when a backend fails to initialise
 * (setBackend resolves false and the previous/next-best backend stays active), so the backend
 * in force is read back with tf.getBackend() and a mismatch is an error, never a relabel.
 */
export const tfjsAdapter: RuntimeAdapter = {
  name: 'tfjs',
  version: () => tf.version.tfjs,
  async probe(backend: Backend): Promise<BackendProbe> {
    if (backend === 'webgpu') return probeWebGpu();
    if (backend === 'webgl') return probeWebGl();
    if (backend === 'wasm' && typeof WebAssembly !== 'object') return { available: false, reason: 'No WebAssembly.', hint: 'Use a current browser.' };
    return { available: true };
  },
  async load(model: ModelHandleSpec, backend: Backend, payload: ModelPayload, threads: number): Promise<LoadedModel> {
    await registerTfjsBackend(backend);
    const ok = await tf.setBackend(backend).catch(() => false);
    await tf.ready();
    const active = tf.getBackend();
    if (!ok || active !== backend) {
      throw new BackendFallbackError(backend, active);
    }
    if (payload.format !== 'tfjs') throw new HintedError(`Model ${model.modelId} has no TF.js version`, 'Run it with onnxruntime-web instead.');
    let runnable: TfjsRunnable;
    try {
      runnable = await loadTfjsModel(model, payload.modelJson, payload.weightData);
    } catch (err) {
      if (err instanceof HintedError) throw err;
      throw new HintedError(
        `TensorFlow.js could not load model ${model.modelId}: ${err instanceof Error ? err.message : String(err)}`,
        'Check that model.json and its weight files are complete and served next to each other.',
        { cause: err },
      );
    }
    const wasmThreads = backend === 'wasm' ? await tfjsWasmThreads() : 1;
    const warnings = backend === 'wasm' && threads > 1 ? [`tfjs wasm runs single-threaded here (asked for ${threads} threads): its threaded build does not survive bundling`] : [];
    return new TfjsLoadedModel(runnable, model, backend, wasmThreads, warnings);
  },
};

function probeWebGl(): BackendProbe {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    if (canvas.getContext('webgl2') || canvas.getContext('webgl')) return { available: true };
  } catch {
    /* fall through: no OffscreenCanvas or no GL */
  }
  return { available: false, reason: 'No WebGL context could be created in a worker (OffscreenCanvas).', hint: 'Enable hardware acceleration, or use another backend.' };
}

class TfjsLoadedModel implements LoadedModel {
  private prepared: tf.Tensor[] = [];
  constructor(
    private readonly runnable: TfjsRunnable,
    private readonly model: ModelHandleSpec,
    readonly effectiveBackend: Backend,
    readonly threads: number,
    readonly warnings: readonly string[],
  ) {}

  private toTensors(feeds: Feeds): tf.Tensor[] {
    return this.model.inputs.map((spec, i) => {
      const data = feeds[i];
      if (!data) throw new HintedError(`Missing input ${spec.name}`, 'Internal: the input set does not match the model.');
      if (spec.dtype !== 'float32' && spec.dtype !== 'int32' && spec.dtype !== 'bool') throw new HintedError(`tfjs input dtype ${spec.dtype} unsupported`, 'Use float32, int32 or bool inputs.');
      return tf.tensor(data as Float32Array, spec.shape, spec.dtype);
    });
  }

  private predict(inputs: tf.Tensor[]): tf.Tensor[] {
    return this.runnable.predict(inputs);
  }

  async prepare(feeds: Feeds): Promise<void> {
    this.prepared.forEach((t) => t.dispose());
    this.prepared = this.toTensors(feeds);
  }

  async runPrepared(): Promise<void> {
    const outs = this.predict(this.prepared);
    // data() waits for the GPU and copies back: the clock must include it
    for (const o of outs) {
      await o.data();
      o.dispose();
    }
  }

  async run(feeds: Feeds): Promise<Outputs> {
    const inputs = this.toTensors(feeds);
    try {
      const outs = this.predict(inputs);
      const result: Outputs = [];
      for (const o of outs) {
        result.push(Float32Array.from(await o.data()));
        o.dispose();
      }
      return result;
    } finally {
      inputs.forEach((t) => t.dispose());
    }
  }

  async dispose(): Promise<void> {
    this.prepared.forEach((t) => t.dispose());
    this.runnable.dispose();
  }
}

import type { InferenceSession, Tensor } from 'onnxruntime-common';
import type { Backend } from '../../src/core/cell.js';
import type { BackendProbe, Feeds, LoadedModel, ModelHandleSpec, ModelPayload, Outputs, RuntimeAdapter } from '../../src/core/runtime-adapter.js';
import { HintedError } from '../../src/core/serialized-error.js';
import { missingShaderF16 } from './backend-fallback-error.js';
import { withConsoleCapture } from './console-capture.js';
import { probeWebGpu } from './webgpu-probe.js';

type OrtModule = typeof import('onnxruntime-web/wasm');

/**
 * Two separate ORT bundles: the plain WASM build for `wasm`, and the native WebGPU EP build for
 * `webgpu`. The default (JSEP) bundle is avoided on purpose: on adapters without shader-f16 it
 * returns silently wrong fp16 and int8-QDQ results (DESIGN §8).
 */
const bundles: Record<'wasm' | 'webgpu', () => Promise<OrtModule>> = {
  wasm: () => import('onnxruntime-web/wasm'),
  webgpu: () => import('onnxruntime-web/webgpu') as Promise<OrtModule>,
};

let loadedVersion = '';

export const ortAdapter: RuntimeAdapter = {
  name: 'ort',
  version: () => loadedVersion,
  async probe(backend: Backend): Promise<BackendProbe> {
    if (backend === 'wasm') return typeof WebAssembly === 'object' ? { available: true } : noWasm();
    if (backend === 'webgpu') return probeWebGpu();
    return { available: false, reason: `onnxruntime-web is not offered on '${backend}' by edgewatt.`, hint: 'Pick wasm or webgpu for onnxruntime-web.' };
  },
  async load(model: ModelHandleSpec, backend: Backend, payload: ModelPayload, threads: number): Promise<LoadedModel> {
    if (backend !== 'wasm' && backend !== 'webgpu') throw new HintedError(`onnxruntime-web has no '${backend}' backend here`, 'Pick wasm or webgpu.');
    if (payload.format !== 'onnx') throw new HintedError(`Model ${model.modelId} is not an ONNX model`, 'Run TF.js models with TensorFlow.js.');
    const bytes = payload.bytes;
    const ort = await bundles[backend]();
    loadedVersion = ort.env.versions.web ?? ort.env.versions.common ?? 'unknown';
    ort.env.wasm.numThreads = threads;
    ort.env.logLevel = 'warning';
    const options: InferenceSession.SessionOptions = {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 2,
    };
    let session: InferenceSession;
    let lines: string[];
    try {
      ({ value: session, lines } = await withConsoleCapture(() => ort.InferenceSession.create(new Uint8Array(bytes), options)));
    } catch (err) {
      throw describeLoadError(err, model.modelId);
    }
    const warnings = lines
      .map(stripAnsi)
      .filter((l) => /not assigned to the preferred execution provider|fall(ing)? ?back|CPU/i.test(l) && /\[W:|warn/i.test(l))
      .map((l) => `onnxruntime: ${l.replace(/^\S+ \S+ \[W:onnxruntime:[^\]]*\]\s*/, '').trim()}`);
    checkSignature(session, model);
    return new OrtLoadedModel(ort, session, model, backend, Math.max(1, ort.env.wasm.numThreads ?? 1), warnings);
  },
};

function noWasm(): BackendProbe {
  return { available: false, reason: 'This browser has no WebAssembly.', hint: 'Use a current browser.' };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
function stripAnsi(line: string): string {
  return line.replace(ANSI, '');
}

function describeLoadError(err: unknown, modelId: string): Error {
  const msg = err instanceof Error ? err.message : String(err);
  const noF16 = missingShaderF16(err, modelId);
  if (noF16) return noF16;
  if (/protobuf|parse|invalid model|Failed to load model|ModelProto/i.test(msg)) {
    return new HintedError(`onnxruntime-web could not read model ${modelId} as ONNX: ${msg}`, 'Check that the file is a complete, valid .onnx model (re-export or re-download it).', { cause: err });
  }
  return new HintedError(`onnxruntime-web could not create a session for ${modelId}: ${msg}`, 'See the message; an unsupported operator or opset needs a newer runtime or a re-export.', { cause: err });
}

function checkSignature(session: InferenceSession, model: ModelHandleSpec): void {
  const expected = model.inputs.map((i) => i.name);
  const missing = expected.filter((n) => !session.inputNames.includes(n));
  if (missing.length > 0) {
    throw new HintedError(
      `Model ${model.modelId} has inputs [${session.inputNames.join(', ')}] but the manifest expects [${expected.join(', ')}]`,
      'The model file does not match its manifest entry; rebuild models with `npm run models`.',
    );
  }
}

class OrtLoadedModel implements LoadedModel {
  private prepared: Record<string, Tensor> | null = null;
  constructor(
    private readonly ort: OrtModule,
    private readonly session: InferenceSession,
    private readonly model: ModelHandleSpec,
    readonly effectiveBackend: Backend,
    readonly threads: number,
    readonly warnings: readonly string[],
  ) {}

  private toFeeds(feeds: Feeds): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    this.model.inputs.forEach((spec, i) => {
      const data = feeds[i];
      if (!data) throw new HintedError(`Missing input ${spec.name}`, 'Internal: the input set does not match the model.');
      out[spec.name] = new this.ort.Tensor(spec.dtype, data as Float32Array, spec.shape) as Tensor;
    });
    return out;
  }

  async prepare(feeds: Feeds): Promise<void> {
    this.prepared = this.toFeeds(feeds);
  }

  async runPrepared(): Promise<void> {
    if (!this.prepared) throw new Error('prepare() was not called');
    const results = await this.session.run(this.prepared);
    // outputs live on the CPU (default output location), so the read-back is part of run();
    // touching the data keeps that true should the default ever change
    for (const name of this.session.outputNames) {
      const t = results[name];
      if (t) {
        void t.data;
        t.dispose();
      }
    }
  }

  async run(feeds: Feeds): Promise<Outputs> {
    const results = await this.session.run(this.toFeeds(feeds));
    return this.session.outputNames.map((name) => {
      const t = results[name];
      if (!t) throw new Error(`output ${name} missing`);
      // int64 outputs arrive as BigInt64Array; fidelity compares numbers, so they are converted
      const raw = t.data as ArrayLike<number | bigint>;
      const data = Float32Array.from(raw as ArrayLike<number>, (v) => Number(v));
      t.dispose();
      return data;
    });
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

import { HintedError, serializeError } from '../core/serialized-error.js';
import { accountModel } from '../forge/account-model.js';
import type { ModelRunner } from '../forge/model-runner.js';
import { forgeVariant, variantKind } from '../forge/variant-registry.js';
import { decodeModel } from '../onnx/codec.js';
import { type GraphTensorInfo, graphInputs, graphOutputs, jsDtypeName } from '../onnx/model-info.js';
import type { AccountOutcome, ForgeOptions, ForgeTensorInfo, ForgeWorkerApi, OpenOutcome, VariantOutcome } from './forge-protocol.js';

export interface ForgeEngineDeps {
  /** the runtime: loads the input before forging (an invalid file is reported as such) and calibrates int8-qdq; loaded on the first variant */
  runner(): Promise<ModelRunner>;
  now?: () => number;
}

function tensorInfo(t: GraphTensorInfo): ForgeTensorInfo {
  return { name: t.name, dtype: jsDtypeName(t.elemType) ?? t.elemTypeName, shape: t.shape };
}

/** The bytes of a Uint8Array as an ArrayBuffer of exactly that length (a view may sit inside a larger one). */
function ownBuffer(u8: Uint8Array): ArrayBuffer {
  if (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength && u8.buffer instanceof ArrayBuffer) return u8.buffer;
  return u8.slice().buffer as ArrayBuffer;
}

/**
 * What the forge worker does, without the worker: holds the opened model's bytes and runs the
 * forge library on them. Every failure comes back as data (state 'errored' + hint), so the page
 * can show it and carry on; only a crash or hang is left to the worker client.
 */
export function createForgeEngine(deps: ForgeEngineDeps): ForgeWorkerApi {
  const now = deps.now ?? (() => performance.now());
  let opened: { bytes: Uint8Array; fileName: string } | null = null;
  let runner: Promise<ModelRunner> | null = null;

  const current = (): Uint8Array => {
    if (!opened) throw new HintedError('no model is open in the forge worker', 'pick or drop an .onnx file first');
    return opened.bytes;
  };

  return {
    async open(buffer: ArrayBuffer, fileName: string): Promise<OpenOutcome> {
      opened = null;
      const t0 = now();
      try {
        const bytes = new Uint8Array(buffer);
        const model = decodeModel(bytes);
        const decodeMs = now() - t0;
        opened = { bytes, fileName };
        return {
          state: 'opened',
          fileName,
          fileBytes: bytes.length,
          decodeMs,
          irVersion: Number(model.irVersion ?? 0),
          opsets: model.opsetImport.map((o) => `${o.domain || 'ai.onnx'} ${Number(o.version ?? 0)}`),
          producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
          nodes: model.graph.node.length,
          inputs: graphInputs(model.graph).map(tensorInfo),
          outputs: graphOutputs(model.graph).map(tensorInfo),
        };
      } catch (err) {
        return { state: 'errored', error: serializeError(err, 'decode', 'check that the file is a complete .onnx model (re-export or download it again)') };
      }
    },

    async account(options: ForgeOptions): Promise<AccountOutcome> {
      const t0 = now();
      try {
        const accounting = await accountModel(current(), { inputShapes: options.inputShapes });
        return { state: 'completed', accounting, ms: now() - t0 };
      } catch (err) {
        return { state: 'errored', error: serializeError(err, 'account') };
      }
    },

    async forge(variant: string, options: ForgeOptions): Promise<VariantOutcome> {
      const t0 = now();
      try {
        const bytes = current();
        const kind = variantKind(variant);
        // every variant needs the runtime now: it loads the input once first (forgeVariant caches the
        // verdict per input), so a file ORT rejects is reported as an invalid file; int8-qdq calibrates with it.
        // A runtime that failed to load is tried again by the next variant.
        runner ??= deps.runner().catch((e: unknown) => {
          runner = null;
          throw e;
        });
        const using = await runner;
        const r = await forgeVariant(variant, bytes, {
          inputShapes: options.inputShapes,
          inputRanges: options.inputRanges,
          ...(options.inputValues ? { inputValues: options.inputValues } : {}),
          ...(options.calibrationFeeds ? { calibrationFeeds: options.calibrationFeeds } : {}),
          ...(options.calibration ? { calibration: options.calibration } : {}),
          runner: using,
        });
        return {
          state: 'completed',
          variant,
          bytes: ownBuffer(r.bytes),
          accounting: r.report.accounting,
          options: r.report.options,
          changes: r.report.changes,
          skipped: r.report.skipped,
          ms: now() - t0,
          // the runtime that calibrated the variant (the app shows "calibrated on …"); every variant used it to check the input
          ...(kind.needsRunner ? { runner: using.description } : {}),
        };
      } catch (err) {
        return { state: 'errored', variant, error: serializeError(err, `forge ${variant}`), ms: now() - t0 };
      }
    },
  };
}

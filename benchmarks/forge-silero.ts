/**
 * Every forge variant of Silero VAD (v5 and legacy, from @ricky0123/vad-web): a real model with
 * control flow (If on the sample rate; Convs and LSTMs inside the branches). Prints accounting,
 * forge time and fidelity vs fp32 on streamed speech-like audio (512-sample windows at 16 kHz,
 * ±1, sr = 16000, each model carrying its own recurrent state; 4 warm-up windows, 16 compared),
 * on onnxruntime-web's WASM build under Node (the runtime the app profiles).
 *
 *   npx tsx benchmarks/forge-silero.ts                 # v5 and legacy
 *   npx tsx benchmarks/forge-silero.ts --model v5
 *
 * int8-qdq is calibrated on 32 audio windows with the state fp32 reaches (realistic), on 32 seeded
 * inputs with sr held at 16000 (--input-value sr=16000; state and audio uniform in [-1, 1]), and on
 * audio with the STFT Conv (the first Conv of each branch) kept fp32 (ForgeContext.int8Exclude).
 */
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { compareOutputs } from '../src/core/compare-outputs.js';
import { ortModelRunner } from '../src/forge/model-runner.js';
import { sileroCalibrationFeeds, sileroModel, type SileroVersion, streamSilero } from '../src/forge/silero-fixtures.node.js';
import { allGraphs } from '../src/forge/subgraphs.js';
import { type ForgeContext, forgeVariant, toleranceFor, VARIANT_NAMES } from '../src/forge/variant-registry.js';
import { decodeModel } from '../src/onnx/codec.js';

/** The Conv of each If branch that reads the padded audio (the STFT), by its node name. */
function firstConvs(bytes: Uint8Array): string[] {
  return allGraphs(decodeModel(bytes).graph as never).flatMap(({ graph }) => graph.node.filter((n) => n.opType === 'Conv').slice(0, 1).map((n) => n.name ?? ''));
}

const { values } = parseArgs({ options: { model: { type: 'string' } } });
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const runner = ortModelRunner(ort as never, { executionProviders: ['wasm'] }, 'onnxruntime-web (wasm)');
const versions: SileroVersion[] = values.model ? [values.model as SileroVersion] : ['v5', 'legacy'];

for (const version of versions) {
  const m = await sileroModel(version);
  const ref = await streamSilero(m, m.bytes, runner, 8, 16, 4);
  const calibrationFeeds = await sileroCalibrationFeeds(m, runner, 100, 32);
  const rows: { variant: string; ctx: ForgeContext }[] = VARIANT_NAMES.map((variant) => ({
    variant,
    ctx: { inputShapes: m.inputShapes, runner, inputValues: { sr: 16_000 }, ...(variant === 'int8-qdq' ? { calibrationFeeds } : {}) },
  }));
  rows.splice(3, 0, { variant: 'int8-qdq', ctx: { inputShapes: m.inputShapes, runner, inputValues: { sr: 16_000 } } });
  // the first layer is an STFT done as a Conv on the raw audio: 8 bits cannot hold quiet windows
  const stft = firstConvs(m.bytes);
  rows.splice(4, 0, { variant: 'int8-qdq', ctx: { inputShapes: m.inputShapes, runner, calibrationFeeds, int8Exclude: stft } });
  console.log(`\nSilero VAD ${version} (${(m.bytes.length / 2 ** 20).toFixed(2)} MiB); reference speech probabilities: ${ref.map((w) => w[0]![0]!.toFixed(3)).join(' ')}`);
  console.log('variant                      ms     MiB  params   MMACs  prob max|Δ|  cos(all outputs)  rel     verdict');
  for (const [i, row] of rows.entries()) {
    const label = row.variant === 'int8-qdq' ? `int8-qdq (${row.ctx.calibrationFeeds ? 'audio calib.' : 'seeded calib.'}${row.ctx.int8Exclude ? ', STFT fp32' : ''})` : row.variant;
    const t0 = performance.now();
    try {
      const v = await forgeVariant(row.variant, m.bytes, row.ctx);
      const ms = performance.now() - t0;
      const out = await streamSilero(m, v.bytes, runner, 8, 16, 4);
      const stated = toleranceFor(row.variant);
      const c = compareOutputs(ref, out, { tolerance: stated.tolerance });
      const prob = Math.max(...ref.map((w, k) => Math.abs(w[0]![0]! - out[k]![0]![0]!)));
      const verdict = stated.judged ? (c.pass ? 'within bound' : 'OUTSIDE bound') : 'not judged';
      const a = v.report.accounting;
      console.log(`${label.padEnd(26)} ${ms.toFixed(0).padStart(5)} ${(v.bytes.length / 2 ** 20).toFixed(2).padStart(6)} ${a.params.toLocaleString('en-US').padStart(8)} ${(a.macs / 1e6).toFixed(3).padStart(7)}  ${prob.toFixed(4).padStart(11)}  ${c.cosineSimilarity.toFixed(5).padStart(16)}  ${c.maxRelError.toExponential(1).padStart(7)}  ${verdict}`);
      if (i === 0) console.log(`  (base: params ${v.report.base.params.toLocaleString('en-US')}, MMACs ${(v.report.base.macs / 1e6).toFixed(3)}, complete ${v.report.base.complete})`);
    } catch (err) {
      console.log(`${label.padEnd(26)} refused: ${(err as Error).message}`);
    }
  }
}

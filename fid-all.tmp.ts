import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-web';
import { compareOutputs } from './src/core/compare-outputs.js';
import { makeInputSet } from './src/core/seeded-inputs.js';
import { modelManifestSchema } from './src/core/model-manifest.js';
import { makeTextImage } from './src/modelgen/text-image-inputs.js';
ort.env.wasm.numThreads = 1;
const m = modelManifestSchema.parse(JSON.parse(await readFile('models/build/manifest.json', 'utf8')));
const rows: Record<string, string[]> = {};
for (const base of m.models) {
  const vs = (m.variants ?? []).filter((v) => v.baseModelId === base.id);
  if (!vs.length) continue;
  const spec = base.inputs[0]!;
  const feeds = base.id === 'ppocr-det' ? [0, 1, 2].map((i) => [makeTextImage(spec, 99, i)]) : (makeInputSet(base.inputs, 99, 3) as Float32Array[][]);
  const run = async (p: string) => { const s = await ort.InferenceSession.create(await readFile('models/build/' + p), { executionProviders: ['wasm'] }); const o = []; for (const f of feeds) { const r = await s.run({ [spec.name]: new ort.Tensor('float32', f[0]!, spec.shape) }); o.push([r[base.outputs[0]!.name]!.data as Float32Array]); } await s.release(); return o; };
  const ref = await run(base.files.onnx!);
  for (const v of vs) {
    const c = compareOutputs(ref, await run(v.files.onnx!), { tolerance: v.forge!.tolerance, outputDims: [base.outputs[0]!.shape] });
    (rows[v.variant] ??= []).push(`${base.id}: rel ${c.maxRelError.toFixed(4)} cos ${c.cosineSimilarity.toFixed(4)} top1 ${c.top1Agreement ?? '-'} ${c.pass ? '' : 'FAIL'}`);
  }
}
for (const [k, r] of Object.entries(rows)) console.log(k + '\n  ' + r.join('\n  '));

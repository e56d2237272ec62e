import type { Tolerance } from '../core/compare-outputs.js';
import type { TfjsQuantDtype } from './quantize-weights.js';

/**
 * Fidelity bounds for TF.js weight-storage variants vs the float32 model (compareOutputs: max
 * |error| over max |reference|, cosine over all outputs), chosen from this measurement
 * (tfjs 4.22 cpu backend in Node, 8 seeded inputs, seed 42, inputs at the scale Human feeds them;
 * src/tfjs-forge/human-models.test.ts checks them on every run):
 *
 *   model      dtype    max rel error  1 − cosine   weights bytes
 *   emotion    uint8    2.0e-4         7.0e-9       820516 → 205135
 *   emotion    uint16   3.8e-6         1.8e-12      820516 → 410262
 *   emotion    float16  1.5e-5         2.7e-11      820516 → 410262
 *   blazeface  uint8    1.75e-1        1.9e-3       538928 → 134816
 *   blazeface  uint16   1.0e-3         1.2e-7       538928 → 269520
 *   blazeface  float16  0 (exact)      0            538928 → 269520
 *   iris       uint8    1.3e-2         2.1e-5       2599092 → 649800
 *   iris       uint16   4.7e-5         2.9e-10      2599092 → 1299564
 *   iris       float16  2.5e-4         5.5e-9       2599092 → 1299564
 *
 * blazeface's float16 variant is exact because every one of its weights is already an fp16 value
 * (MediaPipe ships it converted from fp16). blazeface's uint8 error comes from per-tensor codes
 * over weights whose range is wide against their spread (one step up to 0.23 of the tensor's RMS);
 * its box regressors are tens of pixels, so 0.175 of the largest output is ≈ 20 px.
 * Bounds leave ≥ 1.4× (uint8 error) to ≥ 10× headroom over the worst model, and stay far below what
 * a broken kernel or a mis-decoded weight file gives (errors of the order of the outputs).
 */
export const TFJS_VARIANT_TOLERANCE: Readonly<Record<TfjsQuantDtype, Tolerance>> = {
  float16: { maxRelError: 2.5e-3, minCosine: 0.99999 },
  uint16: { maxRelError: 5e-3, minCosine: 0.99999 },
  uint8: { maxRelError: 0.25, minCosine: 0.99 },
};

const NOTES: Readonly<Record<TfjsQuantDtype, string>> = {
  float16: 'TF.js float16 weight storage: half-float rounding (relative 2^-11 per weight), compute stays float32; bound set from the worst of emotion/blazeface/iris (2.5e-4) with 10× headroom',
  uint16: 'TF.js uint16 weight storage: per-tensor affine codes (step = range / 65535), compute stays float32; bound set from the worst of emotion/blazeface/iris (1.0e-3, blazeface) with 5× headroom',
  uint8: 'TF.js uint8 weight storage: per-tensor affine codes (step = range / 255), compute stays float32; outputs move visibly (blazeface: 0.175 of the largest output, cosine 0.998), bound set above the worst measured',
};

export function tfjsVariantTolerance(dtype: TfjsQuantDtype): { tolerance: Tolerance; judged: true; note: string } {
  return { tolerance: { ...TFJS_VARIANT_TOLERANCE[dtype] }, judged: true, note: NOTES[dtype] };
}

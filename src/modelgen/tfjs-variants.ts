import { HintedError } from '../core/serialized-error.js';

export type TfjsWeightDtype = 'uint8' | 'uint16' | 'float16';

/**
 * The variants a TF.js graph model gets: TF.js's own weight-storage quantisation, the form its
 * converter writes (`--quantize_uint8`, `--quantize_uint16`, `--quantize_float16`). Only the
 * stored weights shrink; TF.js dequantises them to float32 when the model loads, so compute,
 * and with it latency and energy per inference, should not change: what changes is the bytes
 * a device downloads and caches, and fidelity.
 */
export interface TfjsVariantKind {
  name: string;
  dtype: TfjsWeightDtype;
  description: string;
}

export const TFJS_VARIANT_KINDS: readonly TfjsVariantKind[] = [
  { name: 'wq-uint8', dtype: 'uint8', description: 'TF.js weight-storage quantisation: float32 weights stored as uint8 (affine, per tensor), dequantised to float32 at load; compute stays float32' },
  { name: 'wq-uint16', dtype: 'uint16', description: 'TF.js weight-storage quantisation: float32 weights stored as uint16 (affine, per tensor), dequantised to float32 at load; compute stays float32' },
  { name: 'wq-float16', dtype: 'float16', description: 'TF.js weight-storage quantisation: float32 weights stored as IEEE half floats, widened to float32 at load; compute stays float32' },
];

export const TFJS_VARIANT_NAMES: readonly string[] = TFJS_VARIANT_KINDS.map((k) => k.name);

export function tfjsVariantKind(name: string): TfjsVariantKind {
  const k = TFJS_VARIANT_KINDS.find((v) => v.name === name);
  if (!k) throw new HintedError(`unknown TF.js variant "${name}"`, `pick from ${TFJS_VARIANT_NAMES.join(', ')}`);
  return k;
}

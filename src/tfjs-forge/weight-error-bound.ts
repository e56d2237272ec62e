import type * as tf from '@tensorflow/tfjs';

/**
 * The most a stored weight may differ from the value it was made from, by how it is stored:
 * affine uint8/uint16 codes round to the nearest step (scale / 2; the nudged range clips by at most
 * the same), then TF.js rounds code × scale + min to float32 (2^-24 relative); half floats round
 * to nearest (2^-11 relative, 2^-25 absolute below the normal range; beyond ±65504 clamped);
 * unquantised weights are exact.
 */
export function maxStorageError(entry: tf.io.WeightsManifestEntry, value: number): number {
  const q = entry.quantization;
  if (!q) return 0;
  if (q.dtype === 'float16') return Math.abs(value) > 65504 ? Math.abs(value) - 65504 : Math.max(2 ** -11 * Math.abs(value), 2 ** -25);
  const scale = q.scale ?? 1;
  return scale / 2 + 2 ** -24 * (Math.abs(value) + scale);
}

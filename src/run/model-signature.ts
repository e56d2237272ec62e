import type { TensorSpec } from '../core/cell.js';
import type { OutputKind } from '../forge/variant-registry.js';

/** A tensor as a model file states it: symbolic dims are strings, unknown ones null. */
export interface StatedTensor {
  name: string;
  dtype: string;
  shape: readonly (number | string | null)[];
}

/**
 * A model judged by per-pixel cosine (a detector's map) rather than by class scores: past the
 * batch axis, some output has two or more dims that are (or may be) larger than 1
 * ([1, 1, 320, 320], [N, 1, H, W]), where logits have one ([1, 1000], [N, 10]).
 */
export function guessOutputKind(outputs: readonly Pick<StatedTensor, 'shape'>[]): OutputKind {
  const wide = (o: Pick<StatedTensor, 'shape'>) => o.shape.slice(o.shape.length > 1 ? 1 : 0).filter((d) => typeof d !== 'number' || d > 1).length;
  return outputs.some((o) => wide(o) >= 2) ? 'dense-map' : 'logits';
}

const OUTPUT_DTYPES: readonly TensorSpec['dtype'][] = ['float32', 'int32', 'int64', 'uint8'];

/** Output specs from the accounting (shapes concrete after shape inference); unknown dims are left out of the shape. */
export function outputSpecs(outputs: readonly StatedTensor[]): TensorSpec[] {
  return outputs.map((o) => ({
    name: o.name,
    dtype: OUTPUT_DTYPES.includes(o.dtype as TensorSpec['dtype']) ? (o.dtype as TensorSpec['dtype']) : 'float32',
    shape: o.shape.filter((d): d is number => typeof d === 'number' && d > 0),
  }));
}


import { type DeclaredInput, describeDeclared } from './declared-input.js';
import { InputsError } from './inputs-error.js';
import { elementCountOf, type NumericArray, sliceArray } from './numeric-array.js';

/**
 * One array per sample for input `d`. The rule (also in the help text): an array with as many
 * dims as the model input is one sample; with one more, its first axis counts N samples
 * (np.stack of N windows). So a [batch, 16000] input given an (8, 16000) array gets one sample
 * of batch 8; (8, 1, 16000) is 8 samples of batch 1.
 */
export function splitSamples(d: DeclaredInput, a: NumericArray): NumericArray[] {
  const rank = d.shape.length;
  if (a.shape.length === rank) return [a];
  if (a.shape.length === rank + 1) {
    const [n, ...shape] = a.shape;
    const size = elementCountOf(shape);
    return Array.from({ length: n! }, (_, i) => sliceArray(a, i * size, size, shape));
  }
  throw new InputsError(
    `${a.origin} has shape (${a.shape.join(', ')}), but input "${d.name}" is ${describeDeclared(d)}: ${rank} dims for one sample, or ${rank + 1} for N samples along the first axis`,
    `reshape the array to (${d.shape.map((s) => (typeof s === 'number' ? s : '…')).join(', ')}) or (N, ${d.shape.map((s) => (typeof s === 'number' ? s : '…')).join(', ')})`,
    d.name,
  );
}

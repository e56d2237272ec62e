import { unzipSync } from 'fflate';
import { InputsError } from './inputs-error.js';
import type { NumericArray } from './numeric-array.js';
import { parseNpy } from './parse-npy.js';

/**
 * NumPy's .npz: a zip of .npy files, one per array, named after the keyword given to
 * np.savez(file, x=…, sr=…) — here, after the model inputs. fflate reads it because
 * np.savez_compressed deflates the members: a zip reader with inflate is not the kind of code to
 * hand-write, and fflate is small, maintained, dependency-free and runs in page, worker and Node.
 */
export function parseNpz(bytes: Uint8Array, origin: string): Record<string, NumericArray> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new InputsError(`${origin}: not a readable .npz (zip) file: ${(err as Error).message}`, 'save the inputs with numpy.savez(path, name=array, …)');
  }
  const out: Record<string, NumericArray> = {};
  for (const [entry, data] of Object.entries(files)) {
    if (entry.endsWith('/')) continue;
    const name = entry.replace(/\.npy$/, '');
    out[name] = parseNpy(data, `${origin}:${entry}`);
  }
  if (Object.keys(out).length === 0) throw new InputsError(`${origin}: the .npz file holds no arrays`, 'save the inputs with numpy.savez(path, name=array, …)');
  return out;
}

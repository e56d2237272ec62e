import type { ModelManifest } from '../core/model-manifest.js';
import { modelManifestSchema } from '../core/model-manifest.js';
import { HintedError } from '../core/serialized-error.js';

export const MODELS_BASE_URL = new URL('/models/', location.href).href;

export async function loadManifest(): Promise<ModelManifest> {
  let res: Response;
  try {
    res = await fetch(new URL('manifest.json', MODELS_BASE_URL));
  } catch (err) {
    throw new HintedError('Could not fetch the model manifest', 'Check the connection to the edgewatt server, then reload.', { cause: err });
  }
  if (!res.ok) throw new HintedError(`The model manifest is missing (HTTP ${res.status})`, 'Run `npm run models` (or restart `npm start`, which builds them).');
  const parsed = modelManifestSchema.safeParse(await res.json());
  if (!parsed.success) throw new HintedError('The model manifest does not match this version of edgewatt', 'Rebuild the models with `npm run models`.');
  return parsed.data;
}

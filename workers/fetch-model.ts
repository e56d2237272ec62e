import type { ModelPayload } from '../src/core/runtime-adapter.js';
import { HintedError } from '../src/core/serialized-error.js';

async function fetchOk(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new HintedError(`Could not fetch ${url}: ${String(err)}`, 'Check the connection; once fetched, models are cached for offline use.', { cause: err });
  }
  if (!res.ok) throw new HintedError(`Fetching ${url} failed: HTTP ${res.status}`, 'The model file is missing on the server; run `npm run models` and restart.');
  return res;
}

export async function fetchOnnx(url: string): Promise<ModelPayload> {
  return { format: 'onnx', bytes: await (await fetchOk(url)).arrayBuffer() };
}

/** model.json (layers or graph model) plus every weight file it names, concatenated in manifest order (tfjs' layout). */
export async function fetchTfjs(url: string): Promise<ModelPayload> {
  const res = await fetchOk(url);
  let modelJson: Record<string, unknown>;
  try {
    modelJson = (await res.json()) as Record<string, unknown>;
  } catch (err) {
    throw new HintedError(`${url} is not valid JSON`, 'The TF.js model.json is corrupt; rebuild or re-download it.', { cause: err });
  }
  const groups = (modelJson.weightsManifest ?? []) as { paths: string[] }[];
  const base = new URL(url, self.location.href);
  const parts: ArrayBuffer[] = [];
  for (const g of groups) for (const p of g.paths) parts.push(await (await fetchOk(new URL(p, base).href)).arrayBuffer());
  const total = parts.reduce((s, b) => s + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const b of parts) {
    weightData.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return { format: 'tfjs', modelJson, weightData: weightData.buffer };
}

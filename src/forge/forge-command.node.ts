import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { forgeCommand, type ForgeIo } from './forge-command.js';
import { type ModelRunner, ortModelRunner } from './model-runner.js';

/**
 * Node's side of `edgewatt forge`: real files, stdout/stderr, and onnxruntime-web's WASM build
 * (a dependency; the runtime the app profiles) for int8-qdq calibration and --check.
 */
export function nodeForgeIo(): ForgeIo {
  let runner: Promise<ModelRunner> | undefined;
  return {
    readFile: async (p) => new Uint8Array(await readFile(p)),
    writeFile: async (p, bytes) => {
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, bytes);
    },
    log: (l) => console.log(l),
    error: (l) => console.error(l),
    runner: () =>
      (runner ??= import('onnxruntime-web').then((ort) => {
        ort.env.wasm.numThreads = 1;
        ort.env.logLevel = 'error';
        return ortModelRunner(ort as never, { executionProviders: ['wasm'] }, 'onnxruntime-web (wasm, 1 thread)');
      })),
  };
}

/** What the CLI entry calls: `process.exitCode = await runForgeCommand(process.argv.slice(3))`. */
export function runForgeCommand(argv: readonly string[]): Promise<number> {
  return forgeCommand(argv, nodeForgeIo());
}

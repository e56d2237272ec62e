import * as ortWeb from 'onnxruntime-web';
import { zoo } from '../../models/zoo.js';
import type { ModelEntry } from '../core/model-manifest.js';
import { makeInputSet } from '../core/seeded-inputs.js';
import { buildGeneratedModel } from '../modelgen/build-model.js';
import { buildPackageModel } from '../modelgen/build-package-model.js';
import { parseZoo } from '../modelgen/parse-zoo.js';
import { readPackageFile } from '../modelgen/read-package-file.js';
import { makeTextImage } from '../modelgen/text-image-inputs.js';
import { ZOO_CALIBRATION } from '../modelgen/variant-context.js';
import { hasOnnx, isGenerated, type ParsedZooEntry } from '../modelgen/zoo-entry.js';
import { type ModelRunner, ortModelRunner } from './model-runner.js';
import type { ForgeContext, OutputKind } from './variant-registry.js';
import type { ForgeIo } from './forge-command.js';

/**
 * Shared by the forge's tests: zoo models built in memory, their fidelity inputs, and
 * onnxruntime-web's WASM build under Node (the runtime the app profiles) to run them.
 */
ortWeb.env.wasm.numThreads = 1;
ortWeb.env.logLevel = 'error';

export const webRunner: ModelRunner = ortModelRunner(ortWeb as never, { executionProviders: ['wasm'] }, 'onnxruntime-web (wasm)');

export interface ZooModel {
  zoo: ParsedZooEntry;
  entry: ModelEntry;
  bytes: Uint8Array;
  outputKind: OutputKind;
  /** fidelity inputs: seeded uniform, or synthetic text pages for the detector */
  feeds: Float32Array[][];
  ctx: ForgeContext;
  /** the fp32 model's outputs on `feeds` (computed once) */
  reference(): Promise<Float32Array[][]>;
}

/** the ONNX models of the zoo (the TF.js graph models have tests of their own in src/tfjs-forge) */
const parsed = parseZoo(zoo).filter(hasOnnx);
const cache = new Map<string, Promise<ZooModel>>();

export function zooIds(filter: (z: ParsedZooEntry) => boolean = () => true): string[] {
  return parsed.filter(filter).map((z) => z.id);
}

export function zooModel(id: string): Promise<ZooModel> {
  let p = cache.get(id);
  if (!p) cache.set(id, (p = load(id)));
  return p;
}

async function load(id: string): Promise<ZooModel> {
  const z = parsed.find((e) => e.id === id);
  if (!z) throw new Error(`no zoo entry ${id}`);
  let built;
  if (isGenerated(z)) built = await buildGeneratedModel(z);
  else {
    const pkg = await readPackageFile(z.source.package, z.source.path);
    built = await buildPackageModel(z, pkg.bytes, pkg.version);
  }
  const entry = built.entry;
  const text = !isGenerated(z) && z.calibrationInputs === 'text-image';
  const feeds = text ? [0, 1].map((i) => entry.inputs.map((s) => makeTextImage(s, 99, i))) : (makeInputSet(entry.inputs, 99, 2) as Float32Array[][]);
  const ctx: ForgeContext = {
    runner: webRunner,
    inputShapes: Object.fromEntries(entry.inputs.map((i) => [i.name, i.shape])),
    inputRanges: Object.fromEntries(entry.inputs.flatMap((i) => (i.range ? [[i.name, i.range]] : []))),
    calibrationInputs: ZOO_CALIBRATION.count,
    ...(text ? { calibrationFeeds: Array.from({ length: ZOO_CALIBRATION.textImages }, (_, i) => i).map((i) => Object.fromEntries(entry.inputs.map((s) => [s.name, { data: makeTextImage(s, 1234, i), dims: s.shape }]))) } : {}),
  };
  const bytes = built.files[0]!.bytes;
  let reference: Promise<Float32Array[][]> | undefined;
  return { zoo: z, entry, bytes, outputKind: isGenerated(z) ? 'logits' : z.outputKind, feeds, ctx, reference: () => (reference ??= runModel(bytes, entry, feeds)) };
}

/** Outputs [input][output] of a model on the given feeds, with onnxruntime-web WASM. */
export async function runModel(bytes: Uint8Array, entry: ModelEntry, feeds: readonly Float32Array[][]): Promise<Float32Array[][]> {
  const session = await webRunner.load(bytes);
  try {
    const out: Float32Array[][] = [];
    for (const f of feeds) {
      const r = await session.run(Object.fromEntries(entry.inputs.map((s, k) => [s.name, { data: f[k]!, dims: s.shape }])), entry.outputs.map((o) => o.name));
      out.push(entry.outputs.map((o) => r[o.name]!));
    }
    return out;
  } finally {
    await session.release();
  }
}

/** `edgewatt forge`'s io over in-memory files, collecting what it prints; runs models with webRunner. */
export function memoryForgeIo(files: Record<string, Uint8Array>): ForgeIo & { out: string[]; err: string[]; files: Record<string, Uint8Array> } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    files,
    out,
    err,
    readFile: async (p) => {
      const f = files[p];
      if (!f) throw new Error('ENOENT: no such file');
      return f;
    },
    writeFile: async (p, b) => void (files[p] = b),
    log: (l) => void out.push(l),
    error: (l) => void err.push(l),
    runner: async () => webRunner,
  };
}

import type { ModelEntry } from '../core/model-manifest.js';
import { ortModelRunner, type ModelRunner } from '../forge/model-runner.js';
import type { ForgeContext } from '../forge/variant-registry.js';
import { makeTextImage } from './text-image-inputs.js';
import { hasOnnx, isGenerated, type ParsedZooEntry } from './zoo-entry.js';

/**
 * Calibration of the zoo's int8-qdq variants: 64 seeded inputs (min-max ranges from 8 leave
 * max errors near 0.14 of the logits' scale on small MLPs, from 64 about 0.03), or 8 text pages
 * for the detector, where each run takes about half a second.
 */
export const ZOO_CALIBRATION = { count: 64, textImages: 8, seed: 1234 };

/**
 * What the zoo build hands the forge: a runner for int8-qdq calibration — onnxruntime-web's WASM
 * build, a dependency, single-threaded, so the ranges come from the runtime the app profiles —
 * loaded only when a variant needs it, and text-image calibration feeds for entries that ask.
 */
export function variantContext(): { forEntry(z: ParsedZooEntry, base: ModelEntry): Promise<ForgeContext>; close(): Promise<void> } {
  let runner: Promise<ModelRunner> | undefined;
  const getRunner = () =>
    (runner ??= import('onnxruntime-web').then((ort) => {
      ort.env.wasm.numThreads = 1;
      return ortModelRunner(ort as never, { executionProviders: ['wasm'] }, 'onnxruntime-web (wasm, 1 thread)');
    }));
  return {
    async forEntry(z, base) {
      const ctx: ForgeContext = { runner: await getRunner(), calibrationInputs: ZOO_CALIBRATION.count, seed: ZOO_CALIBRATION.seed };
      if (!isGenerated(z) && hasOnnx(z) && z.calibrationInputs === 'text-image') {
        ctx.calibrationFeeds = Array.from({ length: ZOO_CALIBRATION.textImages }, (_, i) =>
          Object.fromEntries(base.inputs.map((spec) => [spec.name, { data: makeTextImage(spec, ZOO_CALIBRATION.seed, i), dims: spec.shape }])),
        );
      }
      return ctx;
    },
    close: async () => {},
  };
}

import { z } from 'zod';
import { outputDigestSchema } from './output-digest.js';

/**
 * models/build/expected-digests.json: the zoo's own output digests, written by the zoo build
 * (src/modelgen/expected-digests.ts) and read by the leaderboard (zoo-digests.ts). Pure zod, so
 * the server does not pull the model builder in.
 */
export const EXPECTED_DIGESTS_FILE = 'expected-digests.json';

export const expectedDigestsSchema = z.object({
  digestVersion: z.number().int(),
  /** protocol.seed the digests are for; the inputs are seeded from seed + FIDELITY_SEED_OFFSET */
  seed: z.number().int(),
  fidelityInputs: z.number().int().positive(),
  /** what computed them, e.g. "onnxruntime-web 1.x (wasm)" */
  runtime: z.string(),
  entries: z.array(
    z.object({
      modelId: z.string(),
      variant: z.string(),
      /** the ONNX file the digest is of (the manifest's accounting.sha256.onnx) */
      onnxSha256: z.string(),
      tolerance: z.object({ maxRelError: z.number().positive(), minCosine: z.number() }),
      digest: outputDigestSchema,
    }),
  ),
});
export type ExpectedDigests = z.infer<typeof expectedDigestsSchema>;

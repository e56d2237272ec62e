import { HintedError } from '../core/serialized-error.js';
import type { StatedTolerance } from '../forge/variant-registry.js';

/** A TF.js weight-storage variant made from a user's graph model, as files to write beside it. */
export interface TfjsFileVariant {
  json: Uint8Array;
  weights: Uint8Array;
  stated: StatedTolerance;
}

/**
 * `wq-uint8`, `wq-uint16`, `wq-float16` of a TF.js graph model (src/tfjs-forge). Loaded on demand:
 * the reader needs @tensorflow/tfjs in Node, which only TF.js users need installed.
 */
export async function forgeTfjsFile(modelJsonPath: string, variant: string): Promise<TfjsFileVariant> {
  let mods;
  try {
    mods = await Promise.all([import('../tfjs-forge/tfjs-model-files.js'), import('../tfjs-forge/quantize-weights.js'), import('../tfjs-forge/tfjs-variant-tolerance.js'), import('../modelgen/tfjs-variants.js')]);
  } catch (err) {
    throw new HintedError(`TF.js variants need @tensorflow/tfjs in Node (${(err as Error).message.split('\n')[0]})`, 'install it beside edgewatt: npm install -D @tensorflow/tfjs', { cause: err });
  }
  const [files, quantize, tolerance, kinds] = mods;
  const kind = kinds.tfjsVariantKind(variant);
  const base = await files.readTfjsModelFromDir(modelJsonPath);
  if ((base.modelJson as { format?: string }).format !== 'graph-model') {
    throw new HintedError(`${variant} is made for TF.js graph models; this is a layers model`, 'convert it to a graph model (tensorflowjs_converter --output_format tfjs_graph_model), or bench it as it is');
  }
  const { files: q } = quantize.quantizeTfjsWeights(base, { dtype: kind.dtype });
  const { json, weights } = files.serializeTfjsModel(q);
  return { json, weights, stated: tolerance.tfjsVariantTolerance(kind.dtype) };
}

import { HintedError } from '../core/serialized-error.js';
import { canonicalJson } from '../modelgen/canonical-json.js';
import { decodeModel, type DecodedModel, encodeModel } from '../onnx/codec.js';
import { checkGraph } from './check-graph.js';
import { InvalidModelError } from './invalid-model-error.js';
import { defaultOpset, describeNode, type ForgeGraph, GraphIndex, sortTopologically } from './graph-index.js';
import { liftConstants } from './lift-constants.js';
import { foldRecurrentWeights } from './fold-recurrent-weights.js';
import { dropUnusedInitializers } from './quant-targets.js';
import { allGraphs } from './subgraphs.js';

export interface PreparedModel {
  model: DecodedModel;
  index: GraphIndex;
  opset: number;
}

/**
 * Decode a model for rewriting and refuse, by name, what the rewrites cannot handle safely:
 * ops from other domains (their typing rules are unknown), sparse initializers and model-local
 * functions, in the main graph and every subgraph (If/Loop/Scan bodies, which the rewrites walk
 * through `GraphIndex.scopes()`). Weights held in Constant nodes become initializers of the graph
 * that holds them. Opset imports of other domains are fine as long as no node uses them.
 */
export function prepareModel(bytes: Uint8Array, variant: string): PreparedModel {
  let model: DecodedModel;
  try {
    model = decodeModel(bytes);
  } catch (err) {
    if (err instanceof HintedError) throw new HintedError(`${variant}: ${err.message}`, err.hint, { cause: err });
    throw err;
  }
  const main = model.graph as unknown as ForgeGraph;
  if ((model.functions?.length ?? 0) > 0) {
    throw new HintedError(`${variant}: the model defines ${model.functions.length} local function(s), which the forge cannot rewrite`, 'export the model with functions inlined');
  }
  for (const { graph: g } of allGraphs(main)) {
    if ((g.sparseInitializer?.length ?? 0) > 0) {
      throw new HintedError(`${variant}: the model stores sparse initializers, which the forge cannot rewrite`, 'save the model with dense initializers');
    }
    g.node.forEach((node, i) => {
      if (node.domain && node.domain !== 'ai.onnx') {
        throw new HintedError(
          `${variant}: ${describeNode(node, i)} is a custom op from domain "${node.domain}"; the forge cannot tell how to rewrite it`,
          'export the model with standard ONNX ops only (no contrib/custom ops), or forge it before ORT-specific fusions are applied',
        );
      }
    });
  }
  // the input's own structure first: a dangling name there is the file's fault, not a rewrite's
  sortTopologically(main);
  try {
    checkGraph(main, variant);
  } catch (err) {
    throw new InvalidModelError(`${(err as Error).message.replace(`${variant}: `, `${variant}: the input model is invalid: `)}`, undefined, { cause: err });
  }
  const index = new GraphIndex(model);
  for (const scope of index.scopes()) liftConstants(scope);
  const opset = defaultOpset(model);
  // the constants folded weights came from go with the chains that read them
  if (foldRecurrentWeights(index) > 0) dropUnusedInitializers({ model, index, opset });
  return { model, index, opset };
}

/**
 * Restore order, check the graph, mark the model as forged (deterministic metadata only) and
 * encode it. Value-info entries for rewritten tensors are dropped by the rewrites themselves.
 */
export function finishModel(p: PreparedModel, variant: string, options: object): Uint8Array {
  sortTopologically(p.index.graph);
  checkGraph(p.index.graph, variant);
  const meta = p.model.metadataProps.filter((m) => !m.key?.startsWith('edgewatt.forge.'));
  meta.push({ key: 'edgewatt.forge.variant', value: variant } as never, { key: 'edgewatt.forge.options', value: canonicalJson(options) } as never);
  p.model.metadataProps = meta as never;
  return encodeModel(p.model);
}

/** Remove value_info entries of tensors whose type or shape a rewrite changed (ORT re-infers them). */
export function dropValueInfo(p: PreparedModel, names: Iterable<string>): void {
  const drop = new Set(names);
  if (drop.size === 0) return;
  p.index.graph.valueInfo = p.index.graph.valueInfo.filter((v) => !drop.has(v.name ?? ''));
}

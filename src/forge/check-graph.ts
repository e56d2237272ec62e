import { HintedError } from '../core/serialized-error.js';
import type { ForgeGraph } from './graph-index.js';
import { describeNode } from './graph-index.js';
import { implicitInputs, subgraphsOf } from './subgraphs.js';

export const BUG_HINT = 'this is a bug in the edgewatt forge, not in your model: report it with the model and the variant name';

/**
 * The last check before a forged model is encoded: nodes in topological order reading only
 * tensors that exist, no tensor produced twice, every graph output produced — in the main graph
 * and in every subgraph, where the enclosing graphs' tensors defined before the holding node are
 * visible too. A rewrite that got something wrong fails here with the node named, instead of
 * handing out a broken file.
 */
export function checkGraph(graph: ForgeGraph, variant: string, outer: ReadonlySet<string> = new Set(), where = ''): void {
  const available = new Set<string>(['', ...outer]);
  for (const i of graph.input) available.add(i.name ?? '');
  for (const t of graph.initializer) {
    if (available.has(t.name ?? '') && !graph.input.some((i) => i.name === t.name)) {
      throw new HintedError(`${variant}: initializer "${t.name}" is defined twice`, BUG_HINT);
    }
    available.add(t.name ?? '');
  }
  graph.node.forEach((node, i) => {
    for (const x of node.input) {
      if (!available.has(x)) throw new HintedError(`${variant}: ${where}${describeNode(node, i)} reads "${x}", which nothing before it produces`, BUG_HINT);
    }
    for (const x of implicitInputs(node)) {
      if (!available.has(x)) throw new HintedError(`${variant}: ${where}${describeNode(node, i)} reads "${x}" inside its subgraph, which nothing before it produces`, BUG_HINT);
    }
    for (const { attr, graph: sub } of subgraphsOf(node)) checkGraph(sub, variant, available, `${where}${describeNode(node, i)} ${attr}: `);
    for (const o of node.output) {
      if (o && available.has(o)) throw new HintedError(`${variant}: ${where}${describeNode(node, i)} produces "${o}", which already exists`, BUG_HINT);
      available.add(o);
    }
  });
  for (const o of graph.output) {
    if (!available.has(o.name ?? '')) throw new HintedError(`${variant}: ${where}graph output "${o.name}" is not produced`, BUG_HINT);
  }
}

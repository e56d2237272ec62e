import { tensorAttr } from '../onnx/attributes.js';
import type { DecodedModel } from '../onnx/codec.js';
import { valueInfo } from '../onnx/graph-builder.js';
import { DataType, type NodeProto, type ValueInfoProto } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { GraphIndex } from './graph-index.js';

/**
 * Make tensors that live inside subgraphs fetchable from the main graph, in a calibration copy
 * of a model: the runtime can only return main-graph outputs. A tensor is passed out one level
 * at a time: from an If branch as an extra branch output (the other branch outputs an empty
 * float tensor, so a branch the input did not take yields no values rather than wrong ones),
 * from a Loop or Scan body as an extra scan output (the values of every iteration, stacked).
 * Returns tensor name → main-graph output name, for the tensors that could be exposed (float32 only).
 */
export function exposeTensors(model: DecodedModel, names: readonly string[]): Map<string, string> {
  const root = new GraphIndex(model);
  const exposed = new Map<string, string>();
  const scopes = root.scopes();
  const definingScope = (name: string) => scopes.find((s) => s.producer.has(name) || s.graphInputs.has(name) || s.initializers.has(name));
  for (const name of names) {
    let scope = definingScope(name);
    let current = name;
    while (scope?.parent && scope.owner) {
      const next = passOut(scope, current);
      if (!next) break;
      current = next;
      scope = scope.parent;
    }
    if (!scope || scope.parent) continue;
    if (!root.graphOutputs.has(current)) {
      root.graph.output.push(valueInfo(current, DataType.FLOAT, []) as never);
      // an empty dim list would promise a scalar: no shape means "any"
      root.graph.output[root.graph.output.length - 1]!.type!.tensorType!.shape = undefined as never;
      root.graphOutputs.add(current);
    }
    exposed.set(name, current);
  }
  return exposed;
}

/** Add `name` as an output of the subgraph `scope` and of its owner node; returns the owner's new output name. */
function passOut(scope: GraphIndex, name: string): string | undefined {
  const owner = scope.owner!;
  const parent = scope.parent!;
  const op = owner.opType ?? '';
  const out = parent.freshName(`${name}/exposed`);
  const anyShape = (n: string): ValueInfoProto => {
    const v = valueInfo(n, DataType.FLOAT, []);
    v.type!.tensorType!.shape = undefined as never;
    return v;
  };
  // a copy leaves the subgraph, not the tensor itself: ORT returns zeros for a Scan body output
  // that is one of the body's own inputs
  const copy = scope.freshName(`${name}/copy`);
  scope.graph.node.push(scope.newNode(copy, 'Identity', [name], [copy]));
  if (op === 'If') {
    for (const sibling of parent.children.filter((c) => c.owner === owner)) {
      if (sibling === scope) {
        sibling.graph.output.push(anyShape(copy));
        continue;
      }
      const empty = sibling.freshName(`${name}/not_taken`);
      sibling.graph.node.push(sibling.newNode(empty, 'Constant', [], [empty], { value: tensorAttr(float32Tensor('', [0], new Float32Array(0))) }) as NodeProto);
      sibling.graph.output.push(anyShape(empty));
    }
  } else if (op === 'Loop' || op === 'Scan') {
    scope.graph.output.push(anyShape(copy));
    // Scan's per-output attributes must keep one entry per scan output
    for (const attr of owner.attribute) if (op === 'Scan' && (attr.name === 'scan_output_axes' || attr.name === 'scan_output_directions')) attr.ints = [...(attr.ints ?? []), 0];
  } else return undefined;
  owner.output.push(out);
  parent.refresh();
  return out;
}

import type { TfjsGraphNode } from './tfjs-model-files.js';

/** TensorFlow's GraphDef JSON stores strings base64-encoded and int64 as decimal strings. */

function decodeBase64(s: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
  } catch {
    return s;
  }
}

export function attrString(node: TfjsGraphNode, name: string): string | undefined {
  const s = node.attr?.[name]?.s;
  return s === undefined ? undefined : decodeBase64(s);
}

export function attrStrings(node: TfjsGraphNode, name: string): string[] {
  return (node.attr?.[name]?.list?.s ?? []).map(decodeBase64);
}

export function attrInts(node: TfjsGraphNode, name: string): number[] | undefined {
  const list = node.attr?.[name]?.list?.i;
  return list === undefined ? undefined : list.map(Number);
}

export function attrBool(node: TfjsGraphNode, name: string): boolean {
  return node.attr?.[name]?.b === true;
}

export function attrType(node: TfjsGraphNode, name: string): string | undefined {
  return node.attr?.[name]?.type;
}

/** Dims of a Placeholder's `shape` attr; -1 for unknown; undefined when the rank is unknown. */
export function attrShape(node: TfjsGraphNode, name: string): number[] | undefined {
  const shape = node.attr?.[name]?.shape;
  if (!shape || shape.unknownRank) return undefined;
  return (shape.dim ?? []).map((d) => Number(d.size ?? -1));
}

/** "node", "node:0" → { node, index 0 }; "node:2" → index 2; control inputs ("^node") → undefined. */
export function parseTensorRef(ref: string): { node: string; index: number } | undefined {
  if (ref.startsWith('^')) return undefined;
  const m = /^(.*):(\d+)$/.exec(ref);
  return m ? { node: m[1] as string, index: Number(m[2]) } : { node: ref, index: 0 };
}

/** The canonical key of a tensor: "node:index". */
export function tensorKey(node: string, index: number): string {
  return `${node}:${index}`;
}

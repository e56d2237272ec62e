import type { ZooEntry } from './zoo-entry.js';

/**
 * The synthetic architecture family (in the spirit of EC-NAS): four kinds over a grid of depth,
 * width and input size, 56 models in all, from 2 k to 2.9 M parameters. Seeds derive from the
 * position in the grid, so adding a kind does not reseed the others.
 */
export const FAMILY_GRID = {
  mlp: { depth: [1, 2, 3], width: [64, 256, 1024], inputSize: [64, 784] },
  cnn: { depth: [1, 2, 3], width: [8, 16, 32], inputSize: [32, 64] },
  dwcnn: { depth: [2, 4], width: [8, 16, 32], inputSize: [32, 64] },
  transformer: { depth: [1, 2], width: [32, 64], inputSize: [16, 64] },
} as const;

const CLASSES = 10;

export function familyGrid(): ZooEntry[] {
  const out: ZooEntry[] = [];
  const each = (kind: keyof typeof FAMILY_GRID, base: number, make: (depth: number, width: number, input: number) => Omit<ZooEntry, 'seed'>) => {
    const g = FAMILY_GRID[kind];
    let i = 0;
    for (const depth of g.depth) for (const width of g.width) for (const input of g.inputSize) out.push({ ...make(depth, width, input), seed: base + i++ } as ZooEntry);
  };
  each('mlp', 10_000, (d, w, i) => ({
    id: `fam-mlp-d${d}-w${w}-i${i}`,
    name: `family MLP ${i}→${Array(d).fill(w).join('→')}→${CLASSES}`,
    spec: { kind: 'mlp', inputSize: i, hidden: Array<number>(d).fill(w), classes: CLASSES },
    grid: { depth: d, width: w, inputSize: i },
  }));
  each('cnn', 20_000, (d, w, i) => {
    const channels = Array.from({ length: d }, (_, k) => w * 2 ** k);
    return {
      id: `fam-cnn-d${d}-w${w}-i${i}`,
      name: `family CNN ${i}×${i}×3, conv ${channels.join('·')}`,
      spec: { kind: 'cnn', height: i, width: i, channels: 3, convChannels: channels, classes: CLASSES },
      grid: { depth: d, width: w, inputSize: i },
    };
  });
  each('dwcnn', 30_000, (d, w, i) => {
    // stride 2 on every other block, channels doubling with it (MobileNet's rhythm)
    const blocks = Array.from({ length: d }, (_, k) => ({ channels: w * 2 ** Math.ceil((k + 1) / 2), stride: (k % 2 === 0 ? 2 : 1) as 1 | 2 }));
    return {
      id: `fam-dwcnn-d${d}-w${w}-i${i}`,
      name: `family DW-separable CNN ${i}×${i}×3, stem ${w}, blocks ${blocks.map((b) => `${b.channels}/s${b.stride}`).join('·')}`,
      spec: { kind: 'dwcnn', height: i, width: i, channels: 3, stem: w, blocks, classes: CLASSES },
      grid: { depth: d, width: w, inputSize: i },
    };
  });
  each('transformer', 40_000, (d, w, i) => ({
    id: `fam-tx-l${d}-d${w}-t${i}`,
    name: `family transformer encoder ${d} layer(s), d=${w}, ${w / 16} heads, seq ${i}`,
    spec: { kind: 'transformer', seqLen: i, dModel: w, heads: w / 16, ffn: 2 * w, layers: d, classes: CLASSES },
    grid: { depth: d, width: w, inputSize: i },
  }));
  return out;
}

import { z } from 'zod';

/** Architecture of a synthetic model family. Sizes are per single example (batch 1). */
const size = z.number().int().positive();

export const mlpSpecSchema = z.object({
  kind: z.literal('mlp'),
  inputSize: size,
  /** widths of the hidden Dense+ReLU layers, in order; may be empty (plain linear classifier) */
  hidden: z.array(size),
  classes: size,
});
export type MlpSpec = z.infer<typeof mlpSpecSchema>;

export const cnnSpecSchema = z
  .object({
    kind: z.literal('cnn'),
    height: size,
    width: size,
    /** input channels (3 for RGB); the input is NHWC [1, height, width, channels] in both runtimes */
    channels: size,
    /** output channels of each Conv3×3+ReLU+MaxPool2×2 block */
    convChannels: z.array(size).min(1),
    classes: size,
  })
  .refine((s) => Math.min(s.height, s.width) >= 2 ** s.convChannels.length, {
    message: 'each conv block halves height and width: height and width must be at least 2^(number of conv blocks)',
  });
export type CnnSpec = z.infer<typeof cnnSpecSchema>;

/**
 * MobileNet-like: a 3×3 stem conv, then blocks of depthwise 3×3 (stride 1 or 2, TF "same"
 * padding) + ReLU + pointwise 1×1 + ReLU, global average pool, dense classifier. NHWC input.
 */
export const dwcnnSpecSchema = z.object({
  kind: z.literal('dwcnn'),
  height: size,
  width: size,
  channels: size,
  /** output channels of the 3×3 stem conv (stride 1) */
  stem: size,
  blocks: z.array(z.object({ channels: size, stride: z.union([z.literal(1), z.literal(2)]) })).min(1),
  classes: size,
});
export type DwcnnSpec = z.infer<typeof dwcnnSpecSchema>;

/**
 * A small post-norm transformer encoder over a sequence of embeddings [1, seqLen, dModel]:
 * per layer multi-head self-attention + residual + LayerNorm, ReLU feed-forward + residual +
 * LayerNorm; then mean over the sequence and a dense classifier.
 */
export const transformerSpecSchema = z
  .object({
    kind: z.literal('transformer'),
    seqLen: size,
    dModel: size,
    heads: size,
    ffn: size,
    layers: size,
    classes: size,
  })
  .refine((s) => s.dModel % s.heads === 0, { message: 'dModel must be a multiple of heads' });
export type TransformerSpec = z.infer<typeof transformerSpecSchema>;

export const archSpecSchema = z.union([mlpSpecSchema, cnnSpecSchema, dwcnnSpecSchema, transformerSpecSchema]);
export type ArchSpec = MlpSpec | CnnSpec | DwcnnSpec | TransformerSpec;
export type ArchKind = ArchSpec['kind'];

/** Shape of the single input tensor `input`. */
export function inputShape(spec: ArchSpec): number[] {
  switch (spec.kind) {
    case 'mlp':
      return [1, spec.inputSize];
    case 'transformer':
      return [1, spec.seqLen, spec.dModel];
    default:
      return [1, spec.height, spec.width, spec.channels];
  }
}

/** Shape of the single output tensor `logits`. */
export function outputShape(spec: ArchSpec): number[] {
  return [1, spec.classes];
}

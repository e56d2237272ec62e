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

export const archSpecSchema = z.union([mlpSpecSchema, cnnSpecSchema]);
export type ArchSpec = MlpSpec | CnnSpec;

/** Shape of the single input tensor `input`. */
export function inputShape(spec: ArchSpec): number[] {
  return spec.kind === 'mlp' ? [1, spec.inputSize] : [1, spec.height, spec.width, spec.channels];
}

/** Shape of the single output tensor `logits`. */
export function outputShape(spec: ArchSpec): number[] {
  return [1, spec.classes];
}

import type { ArchSpec } from './spec.js';

/**
 * Params and MACs per inference (batch 1) derived from the architecture spec alone: the
 * independent check of the forge's graph counter (src/forge/account-model.ts), which is what
 * the manifest reports. MACs are those of Gemm/MatMul/Conv (attention's Q·Kᵀ and A·V included).
 */
export interface SpecAccounting {
  params: number;
  macs: number;
}

export function accountSpec(spec: ArchSpec): SpecAccounting {
  let params = 0;
  let macs = 0;
  let features: number;
  if (spec.kind === 'transformer') {
    const { seqLen: T, dModel: d, ffn } = spec;
    params = spec.layers * (4 * (d * d + d) + 2 * (d * ffn) + ffn + d + 4 * d) + d * spec.classes + spec.classes;
    macs = spec.layers * (4 * T * d * d + 2 * T * T * d + 2 * T * d * ffn) + d * spec.classes;
    return { params, macs };
  }
  if (spec.kind === 'cnn') {
    let h = spec.height;
    let w = spec.width;
    let inC = spec.channels;
    for (const outC of spec.convChannels) {
      params += 9 * inC * outC + outC;
      macs += h * w * 9 * inC * outC; // 'same' padding keeps h×w through the conv
      h = Math.floor(h / 2);
      w = Math.floor(w / 2);
      inC = outC;
    }
    features = inC;
  } else if (spec.kind === 'dwcnn') {
    let h = spec.height;
    let w = spec.width;
    params += 9 * spec.channels * spec.stem + spec.stem;
    macs += h * w * 9 * spec.channels * spec.stem;
    let c = spec.stem;
    for (const b of spec.blocks) {
      h = Math.ceil(h / b.stride);
      w = Math.ceil(w / b.stride);
      params += 9 * c + c + c * b.channels + b.channels;
      macs += h * w * (9 * c + c * b.channels);
      c = b.channels;
    }
    features = c;
  } else {
    features = spec.inputSize;
  }
  const widths = spec.kind === 'mlp' ? [...spec.hidden, spec.classes] : [spec.classes];
  for (const out of widths) {
    params += features * out + out;
    macs += features * out;
    features = out;
  }
  return { params, macs };
}

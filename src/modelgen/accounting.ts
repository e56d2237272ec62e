import type { ArchSpec } from './spec.js';

/**
 * Compute and size per inference (batch 1), derived from the architecture spec.
 * Counts multiply-accumulates of Gemm/Conv only; bias adds, ReLU, pooling and the transpose are
 * left out (they are < 2 % of the total for these shapes). The variant forge will replace this
 * with a counter over the ONNX graph, which also covers user-supplied models.
 */
export interface SpecAccounting {
  params: number;
  macs: number;
  /** 2 × macs */
  flops: number;
  flopsMethod: string;
}

export const SPEC_FLOPS_METHOD = 'analytic from the architecture spec: FLOPs = 2 × MACs of Gemm/Conv; bias, activation and pooling ops not counted';

export function accountSpec(spec: ArchSpec): SpecAccounting {
  let params = 0;
  let macs = 0;
  let features: number;
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
  } else {
    features = spec.inputSize;
  }
  const widths = spec.kind === 'mlp' ? [...spec.hidden, spec.classes] : [spec.classes];
  for (const out of widths) {
    params += features * out + out;
    macs += features * out;
    features = out;
  }
  return { params, macs, flops: 2 * macs, flopsMethod: SPEC_FLOPS_METHOD };
}

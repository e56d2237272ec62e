import { describe, expect, it } from 'vitest';
import type { ForgedVariant } from '../../client/forge-protocol.js';
import { toleranceFor } from '../../forge/variant-registry.js';
import { buildUploadPlan, guessOutputKind, outputSpecs, uploadModelId } from './upload-plan.js';

const variant = (name: string): ForgedVariant => ({ variant: name, bytes: new ArrayBuffer(8), accounting: {} as ForgedVariant['accounting'], options: {}, changes: [], skipped: [], ms: 1 });
const SHA = 'fd184c0123456789abcdef';

describe('profiling a dropped model and its variants', () => {
  it('plans fp32 + every variant on each chosen backend, variants referring to the fp32 model, tolerances from the forge', () => {
    const base = new ArrayBuffer(16);
    const { models, cells } = buildUploadPlan({
      fileName: 'my-net.onnx',
      baseBytes: base,
      baseSha256: SHA,
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 4], range: [0, 1] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1, 10] }],
      variants: [variant('fp16'), variant('prune-50')],
      outputKind: 'logits',
      toleranceFor,
      backends: ['wasm', 'webgpu'],
    });
    expect(uploadModelId(SHA)).toBe('upload-fd184c01');
    expect(models.map((m) => [m.id, m.variant, m.baseModelId ?? null])).toEqual([
      ['upload-fd184c01', 'fp32', null],
      ['upload-fd184c01', 'fp16', 'upload-fd184c01'],
      ['upload-fd184c01', 'prune-50', 'upload-fd184c01'],
    ]);
    expect(models[0]!.sources.onnx).toEqual({ format: 'onnx', bytes: base, fileName: 'my-net.onnx' });
    expect(models[1]!.sources.onnx).toMatchObject({ fileName: 'my-net.fp16.onnx' });
    expect(models[1]!.tolerance).toEqual(toleranceFor('fp16', 'logits').tolerance);
    expect(models[1]!.judged).toBe(true);
    // pruning changes outputs by design: shown, not held against the variant
    expect(models[2]!.judged).toBe(false);
    expect(cells.map((c) => `${c.variant}/${c.runtime}/${c.backend}`)).toEqual([
      'fp32/ort/wasm', 'fp32/ort/webgpu', 'fp16/ort/wasm', 'fp16/ort/webgpu', 'prune-50/ort/wasm', 'prune-50/ort/webgpu',
    ]);
  });

  it('a detector-like output is judged as a per-pixel map; class scores as logits', () => {
    expect(guessOutputKind([{ shape: [1, 1000] }])).toBe('logits');
    expect(guessOutputKind([{ shape: ['N', 10] }])).toBe('logits');
    expect(guessOutputKind([{ shape: [1, 1, 320, 320] }])).toBe('dense-map');
    expect(guessOutputKind([{ shape: ['batch', 1, 'h', 'w'] }])).toBe('dense-map');
    expect(toleranceFor('int8-dynamic', guessOutputKind([{ shape: [1, 1, 64, 64] }])).tolerance.minCosine).toBe(0.9);
  });

  it('output specs keep known dims only, so a symbolic one cannot become a bogus size', () => {
    expect(outputSpecs([{ name: 'y', dtype: 'float32', shape: [1, 'n', 10] }])).toEqual([{ name: 'y', dtype: 'float32', shape: [1, 10] }]);
    expect(outputSpecs([{ name: 'z', dtype: 'float16', shape: [1, 2] }])[0]!.dtype).toBe('float32');
  });
});

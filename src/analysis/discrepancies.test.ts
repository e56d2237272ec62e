import { describe, expect, it } from 'vitest';
import { estimate } from '../estimates/estimate-math.js';
import { findDiscrepancies as find, type DiscrepancyCell, type DiscrepancyReport } from './discrepancies.js';

function findDiscrepancies(cells: DiscrepancyCell[]): DiscrepancyReport {
  const r = find(cells);
  if (r.state !== 'computed') throw new Error(r.problems.join(' '));
  return r;
}

const lat = (medianMs: number, ciLowMs: number, ciHighMs: number) => ({ medianMs, ciLowMs, ciHighMs });
const energyJ = (v: number, lo: number, hi: number) => estimate({ value: v, low: lo, high: hi, unit: 'J', method: 'modelled' });

function cell(over: Partial<DiscrepancyCell> & Pick<DiscrepancyCell, 'variant' | 'variantKind'>): DiscrepancyCell {
  return { modelId: 'm', runtime: 'ort', backend: 'wasm', device: 'laptop-1', latency: lat(10, 9.5, 10.5), ...over };
}

const fp32 = cell({ variant: 'fp32', variantKind: 'fp32', flops: 1e9, fileBytes: 4_000_000, params: 1_000_000, nonZeroParams: 1_000_000 });

describe('findDiscrepancies', () => {
  it('refuses something that is not a list of cells', () => {
    expect(find(undefined as unknown as DiscrepancyCell[]).state).toBe('invalid');
  });

  it('flags int8 that is clearly slower than fp32 on the same backend', () => {
    // int8 CI [11.6, 12.5] starts above fp32's [9.5, 10.5] → clear; ratio 12/10 = 1.2
    const int8 = cell({ variant: 'int8-dynamic', variantKind: 'int8-dynamic', latency: lat(12, 11.6, 12.5), flops: 1e9, fileBytes: 1_000_000 });
    const r = findDiscrepancies([fp32, int8]);
    const f = r.findings.find((x) => x.kind === 'int8-slower-than-fp32');
    expect(f?.confidence).toBe('clear');
    expect(f?.evidence.latency.ratio).toBeCloseTo(1.2, 12);
    expect(f?.sentence).toContain('12.0 ms');
    // 1 MB vs 4 MB is 75 % smaller with identical FLOPs and no speed-up
    const s = r.findings.find((x) => x.kind === 'smaller-file-same-compute');
    expect(s?.sentence).toContain('75 % smaller');
  });

  it('calls a slower int8 inconclusive when the CIs overlap, and says nothing when int8 is faster', () => {
    // int8 CI [10.2, 11.4] overlaps fp32's [9.5, 10.5]
    const slowish = cell({ variant: 'int8-qdq', variantKind: 'int8-qdq', latency: lat(10.8, 10.2, 11.4) });
    const r = findDiscrepancies([fp32, slowish]);
    expect(r.findings.map((f) => [f.kind, f.confidence])).toEqual([['int8-slower-than-fp32', 'inconclusive']]);
    const fast = cell({ variant: 'int8-qdq', variantKind: 'int8-qdq', latency: lat(6, 5.8, 6.2), flops: 1e9, fileBytes: 1_000_000 });
    expect(findDiscrepancies([fp32, fast]).findings).toEqual([]);
  });

  it('reports unstructured pruning with no speed-up and its sparsity', () => {
    // 400 000 of 1 000 000 weights non-zero → 60 % zeroed; CI [9.6, 10.6] overlaps → no measurable speed-up
    const pruned = cell({ variant: 'prune-u60', variantKind: 'prune-unstructured', latency: lat(10.1, 9.6, 10.6), params: 1_000_000, nonZeroParams: 400_000, flops: 1e9 });
    const r = findDiscrepancies([fp32, pruned]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ kind: 'pruning-without-speedup', confidence: 'clear' });
    expect(r.findings[0]?.sentence).toContain('60 % of its weights zeroed');
    expect(r.findings[0]?.evidence.nonZeroParams).toEqual({ cell: 400_000, baseline: 1_000_000 });
  });

  it('flags fewer FLOPs without a speed-up, but not when the speed-up is real', () => {
    // 0.5e9 vs 1e9 FLOPs: 50 % fewer
    const slim = cell({ variant: 'slim', variantKind: 'distilled', flops: 0.5e9, latency: lat(9.9, 9.4, 10.4) });
    const r = findDiscrepancies([fp32, slim]);
    expect(r.findings.map((f) => f.kind)).toEqual(['fewer-flops-not-faster']);
    expect(r.findings[0]?.sentence).toContain('50 % fewer FLOPs');
    const fastSlim = { ...slim, latency: lat(5, 4.8, 5.2) };
    expect(findDiscrepancies([fp32, fastSlim]).findings).toEqual([]);
  });

  it('flags fp16 on a WebGPU adapter without shader-f16 and not with it', () => {
    const gpuFp32 = cell({ variant: 'fp32', variantKind: 'fp32', backend: 'webgpu' });
    const fp16 = cell({ variant: 'fp16', variantKind: 'fp16', backend: 'webgpu', adapterHasShaderF16: false, latency: lat(9, 8.8, 9.2) });
    const r = findDiscrepancies([gpuFp32, fp16]);
    expect(r.findings.map((f) => f.kind)).toEqual(['fp16-without-shader-f16']);
    expect(r.findings[0]?.evidence.adapterHasShaderF16).toBe(false);
    expect(findDiscrepancies([gpuFp32, { ...fp16, adapterHasShaderF16: true }]).findings).toEqual([]);
    // unknown adapter features: no claim either way
    const { adapterHasShaderF16: _drop, ...unknown } = fp16;
    expect(findDiscrepancies([gpuFp32, unknown]).findings).toEqual([]);
  });

  it('finds a faster backend that uses more energy per inference', () => {
    // WebGPU 4 ms vs WASM 10 ms (disjoint CIs), but 0.09 J [0.07, 0.11] vs 0.05 J [0.04, 0.06]: clearly more
    const wasm = cell({ variant: 'fp32', variantKind: 'fp32', energy: energyJ(0.05, 0.04, 0.06) });
    const gpu = cell({ variant: 'fp32', variantKind: 'fp32', backend: 'webgpu', latency: lat(4, 3.8, 4.2), energy: energyJ(0.09, 0.07, 0.11) });
    const r = findDiscrepancies([wasm, gpu]);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(f).toMatchObject({ kind: 'faster-not-less-energy', confidence: 'clear', cell: { backend: 'webgpu' }, baseline: { backend: 'wasm' } });
    expect(f?.evidence.energy?.ratio).toBeCloseTo(1.8, 12);
    // overlapping energy intervals ([0.05, 0.065] vs [0.04, 0.06]) only give an inconclusive finding
    const gpu2 = { ...gpu, energy: energyJ(0.055, 0.05, 0.065) };
    expect(findDiscrepancies([wasm, gpu2]).findings[0]?.confidence).toBe('inconclusive');
  });

  it('never compares cells from different devices or models', () => {
    const otherDevice = cell({ variant: 'int8', variantKind: 'int8-dynamic', device: 'phone-1', latency: lat(30, 29, 31) });
    const r = findDiscrepancies([fp32, otherDevice]);
    expect(r.findings).toEqual([]);
    expect(r.skipped[0]?.reason).toMatch(/no fp32 cell/);
  });

  it('marks a variant with wrong outputs, and skips cells with broken numbers without failing the rest', () => {
    const wrong = cell({ variant: 'int8-qdq', variantKind: 'int8-qdq', latency: lat(5, 4.9, 5.1), fidelityPass: false });
    const broken = cell({ variant: 'fp16', variantKind: 'fp16', latency: lat(5, 6, 7) });
    const r = findDiscrepancies([fp32, wrong, broken]);
    expect(r.findings.map((f) => f.kind)).toEqual(['wrong-output']);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]?.reason).toMatch(/CI must contain the median/);
  });
});

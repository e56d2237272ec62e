import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../core/model-manifest.js';
import { resultRecordSchema } from '../../core/result-schema.js';
import { findDiscrepancies } from '../../analysis/index.js';
import { cellPoints, toDiscrepancyCell } from './cell-points.js';
import { completed, energy, errored } from './test-support/records.js';

const manifest = {
  schemaVersion: 1,
  models: [
    {
      id: 'mlp-s',
      name: 'MLP small',
      family: 'mlp',
      variant: 'fp32',
      source: { kind: 'package', package: 'x', path: 'y' },
      license: 'MIT',
      inputs: [{ name: 'x', shape: [1, 4], dtype: 'float32' }],
      outputs: [{ name: 'y', shape: [1, 2], dtype: 'float32' }],
      files: { onnx: 'mlp-s/model.onnx', tfjs: 'mlp-s/tfjs/model.json' },
      accounting: { params: 41802, macs: 41600, flops: 83200, flopsMethod: 'analytic', bytes: { onnx: 167915, tfjs: 169162 }, sha256: {} },
    },
  ],
} as ModelManifest;

describe('cellPoints', () => {
  it('keeps the latest completed result per cell and counts the rest', () => {
    const old = completed({ samplesMs: [9, 9, 9], createdAt: '2026-11-26T09:00:00.000Z' });
    const fresh = completed({ samplesMs: [2, 2, 2], createdAt: '2026-11-26T11:00:00.000Z' });
    const { points, olderResults, notCompleted } = cellPoints([fresh, old, errored()], manifest);
    expect(points).toHaveLength(1);
    expect(points[0]!.medianMs).toBe(2);
    expect(olderResults).toBe(1);
    expect(notCompleted).toBe(1);
  });

  it('joins the manifest accounting and picks the file size of the runtime’s format', () => {
    const { points } = cellPoints([completed({ runtime: 'tfjs', backend: 'cpu' }), completed({ runtime: 'ort' })], manifest);
    const tfjs = points.find((p) => p.runtime === 'tfjs')!;
    const ort = points.find((p) => p.runtime === 'ort')!;
    expect(tfjs.accounting?.flops).toBe(83200);
    expect(tfjs.fileBytes).toBe(169162);
    expect(ort.fileBytes).toBe(167915);
    // input 1×4 float32 = 16 bytes, output 1×2 float32 = 8 bytes
    expect(ort.ioBytes).toEqual({ input: 16, output: 8 });
  });

  it('leaves accounting empty for a model the manifest does not list, and energy empty without an estimate', () => {
    const { points } = cellPoints([completed({ modelId: 'dropped-file' })], manifest);
    expect(points[0]!.accounting).toBeNull();
    expect(points[0]!.energyJ).toBeNull();
  });

  it('reads attributable energy only in joules: another unit is not converted by guesswork', () => {
    const joules = completed({ estimates: { energyAttributableJ: energy(0.01) } });
    const wh = completed({ runtime: 'tfjs', backend: 'cpu', estimates: { energyAttributableJ: { ...energy(0.01), unit: 'Wh' } } });
    const { points } = cellPoints([joules, wh], manifest);
    expect(points.find((p) => p.runtime === 'ort')!.energyJ?.value).toBe(0.01);
    expect(points.find((p) => p.runtime === 'tfjs')!.energyJ).toBeNull();
  });

  it('fixture records are valid result records', () => {
    expect(resultRecordSchema.safeParse(completed({})).success).toBe(true);
    expect(resultRecordSchema.safeParse(errored()).success).toBe(true);
  });
});

describe('variants from the forge', () => {
  const variantManifest = {
    ...manifest,
    variants: [
      {
        ...manifest.models[0]!,
        variant: 'prune-struct-25',
        name: 'MLP small · prune-struct-25',
        files: { onnx: 'mlp-s/variants/prune-struct-25.onnx' },
        accounting: { ...manifest.models[0]!.accounting, params: 31000, nonZeroParams: 31000, flops: 62000, bytes: { onnx: 125000 } },
      },
    ],
  } as ModelManifest;

  it('reads a variant’s own accounting from the manifest’s variants list and groups its kind', () => {
    const { points } = cellPoints([completed({ variant: 'prune-struct-25' })], variantManifest);
    expect(points[0]!.accounting?.flops).toBe(62000);
    expect(points[0]!.accounting?.nonZeroParams).toBe(31000);
    expect(points[0]!.variantKind).toBe('prune-structured');
    expect(cellPoints([completed({ variant: 'prune-90' })], variantManifest).points[0]!.variantKind).toBe('prune-unstructured');
  });

  it('does not hold a pruned variant’s changed outputs against it when the forge says they are not judged', () => {
    const r = completed({ variant: 'prune-90' });
    r.fidelity = {
      state: 'compared', reference: { runtime: 'ort', backend: 'wasm', variant: 'fp32' }, inputs: 3, maxAbsError: 1, maxRelError: 1,
      cosineSimilarity: 0.5, top1Agreement: null, tolerance: { maxRelError: 0.01, minCosine: 0.99 }, judged: false, pass: false,
    };
    const { points } = cellPoints([r], variantManifest);
    expect(points[0]!.fidelityPass).toBeNull();
    // …but whether this backend computes the pruned model as the reference backend does is held against it
    const { judged: _judged, ...comparison } = r.fidelity;
    for (const pass of [true, false]) {
      r.backendAgreement = { ...comparison, reference: { runtime: 'ort', backend: 'wasm', variant: 'prune-90' }, pass };
      expect(cellPoints([r], variantManifest).points[0]!.fidelityPass).toBe(pass);
    }
  });
});

describe('toDiscrepancyCell', () => {
  it('feeds the discrepancy analysis: a variant whose fidelity failed is listed as wrong output', () => {
    const base = completed({});
    const int8 = completed({ variant: 'int8-dynamic' });
    int8.fidelity = {
      state: 'compared', reference: { runtime: 'ort', backend: 'wasm', variant: 'fp32' }, inputs: 3, maxAbsError: 1, maxRelError: 1,
      cosineSimilarity: 0.2, top1Agreement: null, tolerance: { maxRelError: 0.01, minCosine: 0.99 }, pass: false,
    };
    const { points } = cellPoints([base, int8], manifest);
    const report = findDiscrepancies(points.map((p) => toDiscrepancyCell(p)));
    expect(report.state).toBe('computed');
    if (report.state !== 'computed') return;
    expect(report.findings.map((f) => f.kind)).toContain('wrong-output');
  });

  it('passes shader-f16 only for WebGPU cells', () => {
    const { points } = cellPoints([completed({ backend: 'webgpu', variant: 'fp16' }), completed({})], manifest);
    const gpu = points.find((p) => p.backend === 'webgpu')!;
    const wasm = points.find((p) => p.backend === 'wasm')!;
    expect(toDiscrepancyCell(gpu, false).adapterHasShaderF16).toBe(false);
    expect(toDiscrepancyCell(wasm, false).adapterHasShaderF16).toBeUndefined();
  });
});

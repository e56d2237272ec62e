import { describe, expect, it } from 'vitest';
import type { BackendAgreement } from '../core/result-schema.js';
import { backendAgreementLabel } from './backend-agreement-label.js';

const compared = (pass: boolean): BackendAgreement => ({
  state: 'compared',
  reference: { runtime: 'ort', backend: 'wasm', variant: 'prune-struct-25' },
  inputs: 3,
  maxAbsError: 0.4,
  maxRelError: 0.21,
  cosineSimilarity: 0.81,
  top1Agreement: 0.67,
  tolerance: { maxRelError: 1e-3, minCosine: 0.9999 },
  pass,
});

describe('backendAgreementLabel', () => {
  it('names the reference backend and marks a disagreement as a failure, with the figures in the tooltip', () => {
    const l = backendAgreementLabel(compared(false));
    expect(l).toMatchObject({ status: 'differs', text: 'same model on ort/wasm: differs ✗' });
    expect(l.title).toMatch(/max rel error 2\.10e-1 \(tolerance 0\.001\), cosine 0\.810000 \(tolerance 0\.9999\)/);
    expect(backendAgreementLabel(compared(true))).toMatchObject({ status: 'agrees', text: 'same model on ort/wasm: agrees' });
  });

  it('says why the check did not happen', () => {
    expect(backendAgreementLabel({ state: 'not-compared', reason: 'the reference run failed: out of memory' })).toEqual({ status: 'not-compared', text: 'backend check: the reference run failed: out of memory', title: 'the reference run failed: out of memory' });
  });
});

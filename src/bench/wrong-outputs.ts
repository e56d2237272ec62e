import { describeNonFinite, nonFiniteTotal } from '../core/non-finite.js';
import type { CompletedResult } from '../core/result-schema.js';

/**
 * Why a completed cell's outputs are wrong, or null when they are not known to be: NaN/±Inf
 * among its outputs (judged or not, compared or not), outputs off
 * the fp32 reference beyond a judged tolerance, or (for variants whose drift is not judged) off
 * the same variant on the reference backend, which means one of the two backends miscomputes.
 */
export function wrongOutputReason(r: CompletedResult): string | null {
  const f = r.fidelity;
  const nonFinite = r.nonFiniteOutputs ?? (f.state === 'compared' ? f.nonFinite : undefined);
  if (nonFinite && nonFiniteTotal(nonFinite) > 0) return `non-finite outputs: ${describeNonFinite(nonFinite)}`;
  if (f.state === 'compared' && !f.pass && f.judged !== false) {
    return `outputs differ from the fp32 reference (${f.reference.runtime}/${f.reference.backend}) beyond tolerance`;
  }
  const a = r.backendAgreement;
  if (a?.state === 'compared' && !a.pass) {
    return `outputs differ from the same ${a.reference.variant} model on ${a.reference.runtime}/${a.reference.backend} beyond tolerance (cosine ${a.cosineSimilarity.toFixed(4)}): one of the two backends computes wrong numbers`;
  }
  return null;
}

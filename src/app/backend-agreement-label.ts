import type { BackendAgreement } from '../core/result-schema.js';

export interface AgreementLabel {
  /** short text shown after the fidelity cosine */
  text: string;
  /** the figures behind it, for a tooltip */
  title: string;
  status: 'agrees' | 'differs' | 'not-compared';
}

/**
 * How the results table says whether a not-judged variant (pruned, not fine-tuned) gives the
 * same outputs here as on the reference backend: its drift from fp32 is by design, a
 * disagreement between two backends running the same file is not.
 */
export function backendAgreementLabel(a: BackendAgreement): AgreementLabel {
  if (a.state === 'not-compared') return { text: `backend check: ${a.reason}`, title: a.reason, status: 'not-compared' };
  const where = `same model on ${a.reference.runtime}/${a.reference.backend}`;
  const title = `${where} (${a.reference.variant}): max rel error ${a.maxRelError.toExponential(2)} (tolerance ${a.tolerance.maxRelError}), cosine ${a.cosineSimilarity.toFixed(6)} (tolerance ${a.tolerance.minCosine})`;
  return a.pass ? { text: `${where}: agrees`, title, status: 'agrees' } : { text: `${where}: differs ✗`, title, status: 'differs' };
}

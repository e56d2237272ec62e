import {
  DEFAULT_DISCREPANCY_OPTIONS,
  evidenceFor,
  fasterNotLessEnergy,
  rulesAgainstFp32,
  rulesOnCell,
  type CellRef,
  type DiscrepancyCell,
  type DiscrepancyOptions,
  type Finding,
} from './discrepancy-rules.js';
import { checkEstimate, invalid, type InvalidInput } from './input-checks.js';
import { latencyProblems } from './latency-compare.js';

export type { CellRef, DiscrepancyCell, DiscrepancyOptions, Evidence, Finding, FindingKind, VariantKind } from './discrepancy-rules.js';
export { DEFAULT_DISCREPANCY_OPTIONS } from './discrepancy-rules.js';

export interface DiscrepancyReport {
  state: 'computed';
  /** "efficiency that did not pay", clear findings first */
  findings: Finding[];
  /** cells that could not be checked, with why (no fp32 partner, bad numbers) */
  skipped: { modelId: string; cell: CellRef; reason: string }[];
}

const ref = (c: DiscrepancyCell): CellRef => ({ variant: c.variant, variantKind: c.variantKind, runtime: c.runtime, backend: c.backend });
const groupKey = (c: DiscrepancyCell) => JSON.stringify([c.modelId, c.device ?? null, c.runtime, c.backend]);

function cellProblems(c: DiscrepancyCell): string[] {
  if (!c || typeof c !== 'object' || typeof c.modelId !== 'string' || typeof c.variant !== 'string' || typeof c.variantKind !== 'string') {
    return ['a cell needs modelId, variant and variantKind strings.'];
  }
  const name = `${c.modelId}/${c.variant}/${c.runtime}/${c.backend}`;
  const problems = latencyProblems(name, c.latency);
  if (c.energy !== undefined) checkEstimate(`${name} energy`, c.energy, { min: 0 }, problems);
  for (const key of ['params', 'nonZeroParams', 'flops', 'fileBytes'] as const) {
    const v = c[key];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) problems.push(`${name} ${key} must be a non-negative number, got ${v}.`);
  }
  return problems;
}

/**
 * Lists the pairs where the "efficient" variant did not pay off. Variants are compared with the
 * fp32 cell of the same model, device, runtime and backend; the energy check also compares one
 * variant across backends and runtimes on the same device. "Faster" and "slower" need disjoint
 * 95 % CIs; overlapping CIs give at most an inconclusive finding.
 */
export function findDiscrepancies(cells: readonly DiscrepancyCell[], options: Partial<DiscrepancyOptions> = {}): DiscrepancyReport | InvalidInput {
  if (!Array.isArray(cells)) return invalid(['cells must be a list of measured cells (it may be empty).']);
  const o = { ...DEFAULT_DISCREPANCY_OPTIONS, ...options };
  const skipped: DiscrepancyReport['skipped'] = [];
  const valid: DiscrepancyCell[] = [];
  for (const c of cells) {
    const p = cellProblems(c);
    if (p.length > 0) skipped.push({ modelId: String(c?.modelId), cell: c ? ref(c) : { variant: '?', variantKind: '?', runtime: '?', backend: '?' }, reason: p.join(' ') });
    else valid.push(c);
  }

  const fp32ByGroup = new Map<string, DiscrepancyCell>();
  for (const c of valid) if (c.variantKind === 'fp32' && !fp32ByGroup.has(groupKey(c))) fp32ByGroup.set(groupKey(c), c);

  const findings: Finding[] = [];
  const push = (c: DiscrepancyCell, b: DiscrepancyCell | undefined, d: Pick<Finding, 'kind' | 'confidence' | 'sentence'>) =>
    findings.push({ ...d, modelId: c.modelId, device: c.device ?? null, cell: ref(c), baseline: b ? ref(b) : null, evidence: evidenceFor(c, b) });

  for (const c of valid) {
    if (c.variantKind === 'fp32') continue;
    const base = fp32ByGroup.get(groupKey(c));
    for (const d of rulesOnCell(c, base)) push(c, base, d);
    if (!base) {
      skipped.push({ modelId: c.modelId, cell: ref(c), reason: `no fp32 cell of ${c.modelId} on ${c.runtime}/${c.backend} on this device to compare with: profile fp32 there too.` });
      continue;
    }
    for (const d of rulesAgainstFp32(c, base, o)) push(c, base, d);
    const e = fasterNotLessEnergy(c, base);
    if (e) push(c, base, e);
  }

  // the same variant on two backends or runtimes: a faster GPU path can still cost more energy
  for (const c of valid) {
    for (const b of valid) {
      if (c === b || c.modelId !== b.modelId || c.variant !== b.variant || (c.device ?? null) !== (b.device ?? null)) continue;
      if (c.runtime === b.runtime && c.backend === b.backend) continue;
      const e = fasterNotLessEnergy(c, b);
      if (e) push(c, b, e);
    }
  }

  findings.sort((a, b) => (a.confidence === b.confidence ? 0 : a.confidence === 'clear' ? -1 : 1));
  return { state: 'computed', findings, skipped };
}

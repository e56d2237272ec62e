import { sampleRankCorrelation } from 'simple-statistics';
import type { EstimateMethod } from '../core/estimate.js';
import { weakestMethod } from '../estimates/estimate-math.js';

/** Fewer pairs than this give a rank correlation that means nothing. */
export const SPEARMAN_MIN_N = 3;

export type SpearmanResult =
  | {
      state: 'computed';
      /** Spearman's rho in [-1, 1], ties ranked by their average rank */
      rho: number;
      n: number;
      strength: 'strong' | 'moderate' | 'weak' | 'none';
      /** how the y values were obtained (weakest wins): a "modelled" energy rests on latency */
      yMethod: EstimateMethod | null;
      sentence: string;
    }
  | { state: 'not-enough-data'; n: number; minimum: number; sentence: string }
  | { state: 'no-variation'; n: number; constant: 'x' | 'y' | 'both'; sentence: string }
  | { state: 'invalid'; problems: string[] };

export interface SpearmanLabels {
  x?: string;
  y?: string;
  /** method of every y value (e.g. the energy estimates' methods) */
  yMethods?: readonly EstimateMethod[];
}

/** Conventional bands for |rho|; a label for the sentence, not a test of significance. */
function strengthOf(rho: number): 'strong' | 'moderate' | 'weak' | 'none' {
  const a = Math.abs(rho);
  if (a >= 0.7) return 'strong';
  if (a >= 0.4) return 'moderate';
  if (a >= 0.1) return 'weak';
  return 'none';
}

/** Spearman rank correlation of paired values (simple-statistics ranks ties by their mean rank). */
export function spearman(x: readonly number[], y: readonly number[], labels: SpearmanLabels = {}): SpearmanResult {
  const xl = labels.x ?? 'x';
  const yl = labels.y ?? 'y';
  const problems: string[] = [];
  if (x.length !== y.length) problems.push(`${xl} has ${x.length} values but ${yl} has ${y.length}: pass one pair per cell.`);
  const bad = [...x, ...y].filter((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad.length > 0) problems.push(`${bad.length} value(s) are not finite numbers: drop cells without a figure before correlating.`);
  if (problems.length > 0) return { state: 'invalid', problems };
  const n = x.length;
  if (n < SPEARMAN_MIN_N) {
    return {
      state: 'not-enough-data',
      n,
      minimum: SPEARMAN_MIN_N,
      sentence: `Not enough data: ${n} cell(s) with both ${xl} and ${yl}; a rank correlation needs at least ${SPEARMAN_MIN_N}.`,
    };
  }
  const xConst = x.every((v) => v === x[0]);
  const yConst = y.every((v) => v === y[0]);
  if (xConst || yConst) {
    const constant = xConst && yConst ? 'both' : xConst ? 'x' : 'y';
    const which = constant === 'both' ? `${xl} and ${yl} are` : `${constant === 'x' ? xl : yl} is`;
    return { state: 'no-variation', n, constant, sentence: `${which} the same in every cell, so no rank correlation exists.` };
  }
  const rho = sampleRankCorrelation([...x], [...y]);
  const strength = strengthOf(rho);
  const yMethod = labels.yMethods && labels.yMethods.length > 0 ? weakestMethod(labels.yMethods) : null;
  const caveat =
    yMethod === 'modelled' || yMethod === 'assumed'
      ? ` (${yl} is ${yMethod}, not measured: it rests on latency × a power figure, so this partly ranks latency)`
      : '';
  const sentence = `Across ${n} cells, ${xl} and ${yl} rank-correlate at ρ = ${rho.toFixed(2)} (${strength}${rho < 0 ? ', inverse' : ''})${caveat}.`;
  return { state: 'computed', rho, n, strength, yMethod, sentence };
}

export interface GroupedPair {
  /** e.g. a device id: correlations are only meaningful within one device */
  group: string;
  x: number;
  y: number;
  yMethod?: EstimateMethod;
}

/** One correlation per group (DESIGN §6: FLOPs vs measured energy per device). */
export function spearmanByGroup(pairs: readonly GroupedPair[], labels: Omit<SpearmanLabels, 'yMethods'> = {}): Map<string, SpearmanResult> {
  const groups = new Map<string, GroupedPair[]>();
  for (const p of pairs) {
    const list = groups.get(p.group) ?? [];
    list.push(p);
    groups.set(p.group, list);
  }
  const out = new Map<string, SpearmanResult>();
  for (const [group, list] of groups) {
    const yMethods = list.flatMap((p) => (p.yMethod ? [p.yMethod] : []));
    out.set(
      group,
      spearman(
        list.map((p) => p.x),
        list.map((p) => p.y),
        { ...labels, yMethods },
      ),
    );
  }
  return out;
}

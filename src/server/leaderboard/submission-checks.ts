import { quantileSorted } from 'simple-statistics';
import type { CompletedResult } from '../../core/result-schema.js';
import { MAX_SAMPLES } from './input-bounds.js';
import { extractEstimatedMetrics } from './metric-keys.js';
import type { SubmissionBundle } from '../../core/submission-schema.js';

/**
 * Checks a bundle must pass to be accepted at all (a failure is the client's bug or a forgery:
 * 422 with the reasons). Plausibility, which quarantines silently, lives in plausibility.ts.
 */

/** Beyond these no measurement is believable on any device: refused, not quarantined. */
export const HARD_LIMITS = {
  /** ten minutes per inference */
  maxLatencyMs: 600_000,
  maxSamples: MAX_SAMPLES,
  /** per inference */
  maxEnergyJ: 100_000,
  maxCarbonGCO2e: 10_000,
} as const;

/** A reported median may differ from ours by the quantile method; 1 % covers that, not a forgery. */
const RELATIVE_TOLERANCE = 0.01;

export function checkBundle(bundle: SubmissionBundle): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  bundle.results.forEach((r, i) => {
    const id = r.id.toLowerCase();
    if (ids.has(id)) problems.push(`results[${i}].id ${r.id} appears twice in this bundle`);
    ids.add(id);
    problems.push(...checkRecord(r, `results[${i}]`));
  });
  return problems;
}

export function checkRecord(r: CompletedResult, at: string): string[] {
  const problems: string[] = [];
  const { samplesMs, stats } = r.phases.steady;
  const where = `${at}.phases.steady`;
  if (samplesMs.length > HARD_LIMITS.maxSamples) {
    problems.push(`${where}.samplesMs holds ${samplesMs.length} samples; at most ${HARD_LIMITS.maxSamples} are accepted`);
    return problems;
  }
  if (stats.n !== samplesMs.length) {
    problems.push(`${where}.stats.n is ${stats.n} but samplesMs holds ${samplesMs.length} samples`);
  }
  const badSample = samplesMs.findIndex((s) => !(s > 0 && s <= HARD_LIMITS.maxLatencyMs));
  if (badSample >= 0) {
    problems.push(
      `${where}.samplesMs[${badSample}] is ${samplesMs[badSample]}; every sample must be > 0 and ≤ ${HARD_LIMITS.maxLatencyMs} ms`,
    );
  }
  if (!(stats.medianMs > 0 && stats.medianMs <= HARD_LIMITS.maxLatencyMs)) {
    problems.push(`${where}.stats.medianMs is ${stats.medianMs}; it must be > 0 and ≤ ${HARD_LIMITS.maxLatencyMs} ms`);
  }
  if (samplesMs.length === 0 || problems.length > 0) return problems;

  const sorted = [...samplesMs].sort((a, b) => a - b);
  const median = quantileSorted(sorted, 0.5);
  const lowMid = sorted[Math.floor((sorted.length - 1) / 2)] ?? median;
  const highMid = sorted[Math.ceil((sorted.length - 1) / 2)] ?? median;
  if (!near(stats.medianMs, median) && !(stats.medianMs >= lowMid && stats.medianMs <= highMid)) {
    problems.push(`${where}.stats.medianMs is ${stats.medianMs} but the median of samplesMs is ${median}`);
  }
  if (!near(stats.minMs, sorted[0] ?? 0)) problems.push(`${where}.stats.minMs is ${stats.minMs} but the samples' minimum is ${sorted[0]}`);
  if (!near(stats.maxMs, sorted.at(-1) ?? 0)) problems.push(`${where}.stats.maxMs is ${stats.maxMs} but the samples' maximum is ${sorted.at(-1)}`);
  const order = [stats.minMs, stats.p10Ms, stats.medianMs, stats.p90Ms, stats.p99Ms, stats.maxMs];
  if (order.some((v, i) => i > 0 && v < (order[i - 1] ?? 0) * (1 - RELATIVE_TOLERANCE))) {
    problems.push(`${where}.stats must satisfy min ≤ p10 ≤ median ≤ p90 ≤ p99 ≤ max`);
  }
  problems.push(...checkEstimates(r, at));
  return problems;
}

function checkEstimates(r: CompletedResult, at: string): string[] {
  const problems: string[] = [];
  for (const [key, e] of Object.entries(r.estimates ?? {})) {
    const where = `${at}.estimates.${key}`;
    if (!(e.value > 0)) problems.push(`${where}.value is ${e.value}; estimates must be positive`);
    if (e.low < 0) problems.push(`${where}.low is ${e.low}; estimates cannot be negative`);
    const cap = e.unit === 'J' ? HARD_LIMITS.maxEnergyJ : e.unit === 'gCO2e' ? HARD_LIMITS.maxCarbonGCO2e : Infinity;
    if (e.high > cap) problems.push(`${where}.high is ${e.high} ${e.unit} per inference; at most ${cap} is believable`);
  }
  for (const note of extractEstimatedMetrics(r).notes) problems.push(`${at}: ${note}`);
  return problems;
}

function near(claimed: number, actual: number): boolean {
  return Math.abs(claimed - actual) <= Math.max(RELATIVE_TOLERANCE * Math.abs(actual), 1e-9);
}

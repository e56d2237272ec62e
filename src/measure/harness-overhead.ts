import { medianSorted } from 'simple-statistics';
import type { Protocol } from '../core/cell.js';
import { measureSteadyState } from './measure-protocol.js';

export interface HarnessOverheadOptions {
  now?: () => number;
  /** harness/bare pairs; figures are the median over rounds, so one noisy round does not decide */
  rounds?: number;
}

export interface HarnessOverhead {
  /** median per-run latency the protocol reports, ms (median over rounds) */
  harnessMedianMs: number;
  /** median per-run latency of a bare loop timing the same runs the same way, ms */
  bareMedianMs: number;
  /** harnessMedianMs − bareMedianMs: the bias the harness adds to the reported median, ms */
  overheadMs: number;
  /** overheadMs as % of bareMedianMs */
  overheadPct: number;
  /** steady samples per round (the bare loop takes as many) */
  n: number;
  runsPerSample: number;
  rounds: number;
  /**
   * untimed wall time between samples (wall − Σ timed batches) ÷ n, ms per sample: what the
   * loop's own bookkeeping costs. Unlike wall ÷ runs, preemption spikes inside runs do not move it.
   */
  harnessGapMs: number;
  bareGapMs: number;
  /** harnessGapMs − bareGapMs, ms per sample */
  gapOverheadMs: number;
}

/**
 * Compare measureSteadyState with a bare `for` loop around the same run call, in alternating
 * rounds so drift (thermal, JIT, other load) hits both sides alike. The bare loop keeps only
 * what any measurement needs: two clock reads per sample into a preallocated array.
 * Pure and clock-injectable, so the browser worker reuses it on the real runtime.
 */
export async function compareHarnessOverhead(
  run: () => Promise<void> | void,
  protocol: Protocol,
  opts: HarnessOverheadOptions = {},
): Promise<HarnessOverhead> {
  const now = opts.now ?? (() => performance.now());
  const rounds = opts.rounds ?? 3;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`rounds must be a positive integer, got ${rounds}`);
  const harnessMedians: number[] = [];
  const bareMedians: number[] = [];
  const harnessGaps: number[] = [];
  const bareGaps: number[] = [];
  let n = 0;
  let runsPerSample = 1;
  for (let r = 0; r < rounds; r++) {
    const h = await measureSteadyState(run, protocol, { now });
    n = h.steady.samplesMs.length;
    runsPerSample = h.steady.runsPerSample;
    harnessMedians.push(h.steady.stats.medianMs);
    harnessGaps.push(gapPerSample(h.steady.wallMs, h.steady.samplesMs, runsPerSample));
    const b = await bareLoop(run, n, runsPerSample, now);
    bareMedians.push(b.medianMs);
    bareGaps.push(gapPerSample(b.wallMs, b.samplesMs, runsPerSample));
  }
  const harnessMedianMs = median(harnessMedians);
  const bareMedianMs = median(bareMedians);
  const harnessGapMs = median(harnessGaps);
  const bareGapMs = median(bareGaps);
  const overheadMs = harnessMedianMs - bareMedianMs;
  return {
    harnessMedianMs,
    bareMedianMs,
    overheadMs,
    overheadPct: bareMedianMs > 0 ? (100 * overheadMs) / bareMedianMs : 0,
    n,
    runsPerSample,
    rounds,
    harnessGapMs,
    bareGapMs,
    gapOverheadMs: harnessGapMs - bareGapMs,
  };
}

async function bareLoop(run: () => Promise<void> | void, n: number, runsPerSample: number, now: () => number) {
  const samples = new Float64Array(n);
  const start = now();
  let end = start;
  for (let i = 0; i < n; i++) {
    const t0 = now();
    for (let k = 0; k < runsPerSample; k++) await run();
    end = now();
    samples[i] = (end - t0) / runsPerSample;
  }
  // wall ends at the last sample's clock read, as the harness's does
  const wallMs = end - start;
  const samplesMs = Array.from(samples);
  return { medianMs: median(samplesMs), wallMs, samplesMs };
}

function gapPerSample(wallMs: number, samplesMs: readonly number[], runsPerSample: number): number {
  let timed = 0;
  for (const s of samplesMs) timed += s * runsPerSample;
  return (wallMs - timed) / samplesMs.length;
}

function median(xs: number[]): number {
  return medianSorted([...xs].sort((a, b) => a - b));
}

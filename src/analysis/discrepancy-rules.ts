import type { Estimate } from '../core/estimate.js';
import { compareEstimates, compareLatency, type LatencyCI } from './latency-compare.js';

/** Known forge variant kinds; other strings are accepted and only checked by the generic rules. */
export type VariantKind =
  | 'fp32'
  | 'fp16'
  | 'int8-dynamic'
  | 'int8-qdq'
  | 'prune-unstructured'
  | 'prune-structured'
  | (string & {});

export interface DiscrepancyCell {
  modelId: string;
  /** the variant's name, unique within a model */
  variant: string;
  variantKind: VariantKind;
  runtime: string;
  backend: string;
  /** device id; cells are only compared on the same device */
  device?: string;
  latency: LatencyCI;
  /** attributable energy per inference */
  energy?: Estimate;
  params?: number;
  nonZeroParams?: number;
  flops?: number;
  fileBytes?: number;
  /** whether the WebGPU adapter offered `shader-f16`; undefined when not known */
  adapterHasShaderF16?: boolean;
  /** outputs right: fidelity against fp32 where judged, else agreement with the reference backend; undefined when not compared */
  fidelityPass?: boolean;
}

export type FindingKind =
  | 'int8-slower-than-fp32'
  | 'pruning-without-speedup'
  | 'smaller-file-same-compute'
  | 'fp16-without-shader-f16'
  | 'fewer-flops-not-faster'
  | 'faster-not-less-energy'
  | 'wrong-output';

export interface CellRef {
  variant: string;
  variantKind: VariantKind;
  runtime: string;
  backend: string;
}

export interface Pair<T> {
  cell: T;
  baseline: T;
}

export interface Evidence {
  /** ratio = cell median / baseline median; baseline null for a finding about one cell alone */
  latency: { cell: LatencyCI; baseline: LatencyCI | null; ratio: number | null };
  energy?: Pair<Estimate> & { ratio: number };
  flops?: Pair<number>;
  fileBytes?: Pair<number>;
  params?: Pair<number>;
  nonZeroParams?: Pair<number>;
  adapterHasShaderF16?: boolean;
}

export interface Finding {
  kind: FindingKind;
  /** clear: the intervals do not overlap (or the fact is categorical); inconclusive: they overlap */
  confidence: 'clear' | 'inconclusive';
  modelId: string;
  device: string | null;
  cell: CellRef;
  /** what the cell was compared with; null when no fp32 cell exists for a one-cell finding */
  baseline: CellRef | null;
  evidence: Evidence;
  sentence: string;
}

export interface DiscrepancyOptions {
  /** a file at least this much smaller (fraction) counts as "smaller" */
  minFileShrink: number;
  /** FLOPs within this fraction count as "the same compute" */
  sameFlopsTolerance: number;
  /** FLOPs at least this much lower (fraction) count as "fewer" */
  minFlopsReduction: number;
}

export const DEFAULT_DISCREPANCY_OPTIONS: DiscrepancyOptions = {
  minFileShrink: 0.1,
  sameFlopsTolerance: 0.01,
  minFlopsReduction: 0.1,
};

const ms = (x: number) => `${x.toPrecision(3)} ms`;
const ci = (l: LatencyCI) => `${ms(l.medianMs)} (95 % CI ${l.ciLowMs.toPrecision(3)}–${l.ciHighMs.toPrecision(3)})`;
const pct = (f: number) => `${Math.round(f * 100)} %`;
export const describeCell = (c: CellRef) => `${c.variant} on ${c.runtime}/${c.backend}`;
/** 83 600 → "83.6 k", 1.07e6 → "1.07 M": an SI prefix and a space before the unit that follows */
const big = (x: number) => {
  for (const [f, p] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) if (x >= f) return `${(x / f).toPrecision(3)} ${p}`;
  return `${x.toPrecision(3)} `;
};

export function evidenceFor(c: DiscrepancyCell, b: DiscrepancyCell | undefined): Evidence {
  const ratio = b && b.latency.medianMs > 0 ? c.latency.medianMs / b.latency.medianMs : null;
  const ev: Evidence = { latency: { cell: c.latency, baseline: b?.latency ?? null, ratio } };
  if (c.adapterHasShaderF16 !== undefined) ev.adapterHasShaderF16 = c.adapterHasShaderF16;
  if (!b) return ev;
  if (c.energy && b.energy) ev.energy = { cell: c.energy, baseline: b.energy, ratio: c.energy.value / b.energy.value };
  if (c.flops !== undefined && b.flops !== undefined) ev.flops = { cell: c.flops, baseline: b.flops };
  if (c.fileBytes !== undefined && b.fileBytes !== undefined) ev.fileBytes = { cell: c.fileBytes, baseline: b.fileBytes };
  if (c.params !== undefined && b.params !== undefined) ev.params = { cell: c.params, baseline: b.params };
  if (c.nonZeroParams !== undefined && b.nonZeroParams !== undefined) ev.nonZeroParams = { cell: c.nonZeroParams, baseline: b.nonZeroParams };
  return ev;
}

type Draft = Pick<Finding, 'kind' | 'confidence' | 'sentence'>;

/** Rules that compare a variant with the fp32 cell of the same model, runtime, backend and device. */
export function rulesAgainstFp32(c: DiscrepancyCell, b: DiscrepancyCell, o: DiscrepancyOptions): Draft[] {
  const out: Draft[] = [];
  const order = compareLatency(c.latency, b.latency);
  const notFaster = order !== 'lower';
  const speed = `${ms(c.latency.medianMs)} vs ${ms(b.latency.medianMs)} for fp32 (${(c.latency.medianMs / b.latency.medianMs).toFixed(2)}× the time)`;
  const who = describeCell(c);

  if (c.variantKind.startsWith('int8')) {
    if (order === 'higher') {
      out.push({ kind: 'int8-slower-than-fp32', confidence: 'clear', sentence: `${who} is slower than fp32: ${ci(c.latency)} vs ${ci(b.latency)}; the 95 % CIs do not overlap.` });
    } else if (order === 'overlap' && c.latency.medianMs > b.latency.medianMs) {
      out.push({ kind: 'int8-slower-than-fp32', confidence: 'inconclusive', sentence: `${who} may be slower than fp32 (${speed}), but the 95 % CIs overlap: measure more samples before concluding.` });
    }
  }

  let pruningCovered = false;
  if (c.variantKind.startsWith('prune') && notFaster) {
    pruningCovered = true;
    const sparsity =
      c.nonZeroParams !== undefined && c.params !== undefined && c.params > 0 ? ` with ${pct(1 - c.nonZeroParams / c.params)} of its weights zeroed` : '';
    out.push({
      kind: 'pruning-without-speedup',
      confidence: 'clear',
      sentence: `${who}${sparsity} shows no measurable speed-up: ${speed}, 95 % CIs ${order === 'higher' ? 'say it is slower' : 'overlap'}. Dense kernels do the same work on zeros.`,
    });
  }

  if (c.fileBytes !== undefined && b.fileBytes !== undefined && c.flops !== undefined && b.flops !== undefined && b.flops > 0) {
    const smaller = c.fileBytes <= (1 - o.minFileShrink) * b.fileBytes;
    const sameCompute = Math.abs(c.flops - b.flops) <= o.sameFlopsTolerance * b.flops;
    if (smaller && sameCompute && notFaster) {
      out.push({
        kind: 'smaller-file-same-compute',
        confidence: 'clear',
        sentence: `${who} is a ${pct(1 - c.fileBytes / b.fileBytes)} smaller file but does the same ${big(c.flops)}FLOPs per inference and is not faster (${speed}): it saves download and storage, not compute.`,
      });
    }
  }

  if (!pruningCovered && c.flops !== undefined && b.flops !== undefined && c.flops <= (1 - o.minFlopsReduction) * b.flops && notFaster) {
    out.push({
      kind: 'fewer-flops-not-faster',
      confidence: 'clear',
      sentence: `${who} needs ${pct(1 - c.flops / b.flops)} fewer FLOPs than fp32 but is not measurably faster (${speed}).`,
    });
  }
  return out;
}

/** Rules about one cell alone (a categorical fact about the device or its outputs). */
export function rulesOnCell(c: DiscrepancyCell, b: DiscrepancyCell | undefined): Draft[] {
  const out: Draft[] = [];
  const who = describeCell(c);
  if (c.variantKind === 'fp16' && c.backend === 'webgpu' && c.adapterHasShaderF16 === false) {
    const vs = b ? ` (${ms(c.latency.medianMs)} vs ${ms(b.latency.medianMs)} for fp32)` : '';
    out.push({
      kind: 'fp16-without-shader-f16',
      confidence: 'clear',
      sentence: `${who} ran on a WebGPU adapter without shader-f16${vs}: the GPU cannot compute in fp16 natively, so the runtime fails, converts, or returns wrong results; the fp16 gain does not exist on this device.`,
    });
  }
  if (c.variantKind !== 'fp32' && c.fidelityPass === false) {
    out.push({
      kind: 'wrong-output',
      confidence: 'clear',
      sentence: `${who} gives wrong outputs (off the fp32 reference, or, for a pruned variant, off the same variant on the reference backend): any speed or energy gain is void.`,
    });
  }
  return out;
}

/** A clearly faster cell whose energy per inference is not lower (usually a higher-power backend). */
export function fasterNotLessEnergy(c: DiscrepancyCell, b: DiscrepancyCell): Draft | null {
  if (!c.energy || !b.energy || compareLatency(c.latency, b.latency) !== 'lower') return null;
  if (c.energy.value < b.energy.value) return null;
  const clear = compareEstimates(c.energy, b.energy) === 'higher';
  const e = (x: Estimate) => `${x.value.toPrecision(3)} ${x.unit} (${x.low.toPrecision(3)}–${x.high.toPrecision(3)}, ${x.method})`;
  return {
    kind: 'faster-not-less-energy',
    confidence: clear ? 'clear' : 'inconclusive',
    sentence: `${describeCell(c)} is faster than ${describeCell(b)} (${ms(c.latency.medianMs)} vs ${ms(b.latency.medianMs)}) but uses ${e(c.energy)} per inference vs ${e(b.energy)}${clear ? '' : '; the energy intervals overlap, so it is not clearly more'}.`,
  };
}

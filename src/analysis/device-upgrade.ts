import type { Estimate } from '../core/estimate.js';
import { estimate, propagate, weakestMethod } from '../estimates/estimate-math.js';
import { checkEstimate, checkNumber, invalid, type InvalidInput } from './input-checks.js';

export interface DeviceEntry {
  id: string;
  label: string;
  /** how many such devices (a count or a share); weights are normalised */
  weight: number;
  /** leaderboard medians per variant name, ms, with their spread as the interval */
  latencyMsByVariant?: Readonly<Record<string, Estimate>>;
  /** else: latency relative to the reference device (× the reference latency) */
  relativeLatency?: Estimate;
}

export interface DeviceUpgradeInput {
  /** the latency a person will wait, ms */
  budgetMs: number;
  /** variants, with their latency on the reference device for entries that only have `relativeLatency` */
  variants: readonly { variant: string; referenceLatencyMs?: Estimate }[];
  devices: readonly DeviceEntry[];
  /** footprint of the new device bought to replace one that misses the budget */
  replacementEmbodiedKgCO2e: Estimate;
  /** devices in the population the shares apply to */
  population: number;
  /** share of the new device's footprint charged to the upgrade: 1 = all of it, less = only the life brought forward */
  chargedShare?: Estimate;
  /** variant the others are compared with for avoided replacements; default the first */
  baselineVariant?: string;
}

export type DeviceStatus = 'meets' | 'misses' | 'uncertain' | 'unknown';

export interface VariantUpgrade {
  variant: string;
  perDevice: { id: string; label: string; share: number; latencyMs: Estimate | null; status: DeviceStatus }[];
  /** share of the population's weight that has a latency for this variant */
  coveredShare: number;
  /** share of covered devices that miss the budget: low = surely miss, high = may miss */
  missShare: Estimate;
  replacements: Estimate;
  replacementKgCO2e: Estimate;
}

export interface AvoidedReplacements {
  variant: string;
  baseline: string;
  /** negative when the variant is slower than the baseline on some devices */
  replacementsAvoided: Estimate;
  kgCO2eAvoided: Estimate;
}

export interface DeviceUpgradeResult {
  state: 'computed';
  budgetMs: number;
  variants: VariantUpgrade[];
  avoided: AvoidedReplacements[];
  sentence: string;
}

const SCENARIOS = ['low', 'value', 'high'] as const;
type Scenario = (typeof SCENARIOS)[number];
const SCENARIO_REASON =
  'device speed uncertainty is shared across variants: every device’s latency moves to its low, central or high value together';

function checkInput(i: DeviceUpgradeInput): string[] {
  const p: string[] = [];
  checkNumber('latency budget (ms)', i.budgetMs, { above: 0 }, p);
  checkNumber('population', i.population, { above: 0 }, p);
  checkEstimate('replacement embodied carbon', i.replacementEmbodiedKgCO2e, { units: ['kgCO2e'], min: 0 }, p);
  if (i.chargedShare) checkEstimate('charged share', i.chargedShare, { min: 0, max: 1 }, p);
  if (!i.variants?.length) p.push('no variants given: pick at least one variant to check against the budget.');
  if (!i.devices?.length) p.push('no devices given: use the leaderboard’s distribution or the built-in sample.');
  for (const v of i.variants ?? []) if (v.referenceLatencyMs) checkEstimate(`${v.variant} reference latency`, v.referenceLatencyMs, { units: ['ms'], above: 0 }, p);
  for (const d of i.devices ?? []) {
    checkNumber(`${d.label} weight`, d.weight, { min: 0 }, p);
    if (d.relativeLatency) checkEstimate(`${d.label} relative latency`, d.relativeLatency, { above: 0 }, p);
    for (const [v, e] of Object.entries(d.latencyMsByVariant ?? {})) checkEstimate(`${d.label} ${v} latency`, e, { units: ['ms'], above: 0 }, p);
  }
  if (i.devices?.length && i.devices.every((d) => d.weight === 0)) p.push('every device has weight 0: give at least one device a weight.');
  if (i.baselineVariant && !i.variants.some((v) => v.variant === i.baselineVariant)) p.push(`baseline variant "${i.baselineVariant}" is not among the variants.`);
  return p;
}

function latencyOf(d: DeviceEntry, v: DeviceUpgradeInput['variants'][number]): Estimate | null {
  const board = d.latencyMsByVariant?.[v.variant];
  if (board) return board;
  // a formula rather than `multiply`, so the result says the two intervals were taken as independent
  if (d.relativeLatency && v.referenceLatencyMs) return propagate([d.relativeLatency, v.referenceLatencyMs], ([r, ms]) => (r as number) * (ms as number), 'ms');
  return null;
}

function statusOf(l: Estimate | null, budget: number): DeviceStatus {
  if (!l) return 'unknown';
  if (l.low > budget) return 'misses';
  if (l.high <= budget) return 'meets';
  return 'uncertain';
}

/** Share of devices missing the budget under a scenario, over the devices that have data for every variant listed. */
function missAt(latencies: (Estimate | null)[], shares: number[], budget: number, s: Scenario): number {
  let missed = 0;
  let covered = 0;
  latencies.forEach((l, k) => {
    if (!l) return;
    covered += shares[k] as number;
    if (l[s] > budget) missed += shares[k] as number;
  });
  return covered > 0 ? missed / covered : 0;
}

function fractionEstimate(values: Record<Scenario, number>, inputs: (Estimate | null)[], reasons: string[]): Estimate {
  const known = inputs.filter((e): e is Estimate => e !== null);
  const all = [values.low, values.value, values.high];
  return {
    value: values.value,
    low: Math.min(...all),
    high: Math.max(...all),
    unit: 'fraction',
    method: known.length ? weakestMethod(known.map((e) => e.method)) : 'assumed',
    reasons: [...new Set([...known.flatMap((e) => e.reasons), ...reasons])],
    sources: [...new Map(known.flatMap((e) => e.sources).map((s) => [s.id, s])).values()],
  };
}

/**
 * Device-upgrade rebound: which devices cannot run a variant within the latency budget, what
 * replacing them costs in embodied carbon, and what a faster variant avoids by keeping them useful.
 */
export function deviceUpgrade(input: DeviceUpgradeInput): DeviceUpgradeResult | InvalidInput {
  const problems = checkInput(input);
  if (problems.length > 0) return invalid(problems);
  const total = input.devices.reduce((s, d) => s + d.weight, 0);
  const shares = input.devices.map((d) => d.weight / total);
  const charged = input.chargedShare ?? estimate({ value: 1, unit: 'fraction', method: 'assumed', reasons: ['the whole replacement device is charged'] });
  const budget = input.budgetMs;
  const lat = new Map(input.variants.map((v) => [v.variant, input.devices.map((d) => latencyOf(d, v))] as const));
  const kgFor = (devices: Estimate) =>
    propagate([devices, input.replacementEmbodiedKgCO2e, charged], ([n, kg, c]) => (n as number) * (kg as number) * (c as number), 'kgCO2e');

  const variants: VariantUpgrade[] = input.variants.map((v) => {
    const ls = lat.get(v.variant) ?? [];
    const missShare = fractionEstimate(
      { low: missAt(ls, shares, budget, 'low'), value: missAt(ls, shares, budget, 'value'), high: missAt(ls, shares, budget, 'high') },
      ls,
      [SCENARIO_REASON],
    );
    const replacements = propagate([missShare], ([m]) => (m as number) * input.population, 'devices');
    return {
      variant: v.variant,
      perDevice: input.devices.map((d, k) => ({ id: d.id, label: d.label, share: shares[k] as number, latencyMs: ls[k] ?? null, status: statusOf(ls[k] ?? null, budget) })),
      coveredShare: ls.reduce((s, l, k) => s + (l ? (shares[k] as number) : 0), 0),
      missShare,
      replacements,
      replacementKgCO2e: kgFor(replacements),
    };
  });

  const baseName = input.baselineVariant ?? input.variants[0]?.variant ?? '';
  const baseLat = lat.get(baseName) ?? [];
  const avoided: AvoidedReplacements[] = input.variants
    .filter((v) => v.variant !== baseName)
    .map((v) => {
      const ls = lat.get(v.variant) ?? [];
      // only devices with data for both variants, so the two shares describe the same devices
      const both = ls.map((l, k) => (l && baseLat[k] ? [l, baseLat[k] as Estimate] : null));
      const eff = both.map((x) => x?.[0] ?? null);
      const base = both.map((x) => x?.[1] ?? null);
      const diff = (s: Scenario) => missAt(base, shares, budget, s) - missAt(eff, shares, budget, s);
      const share = fractionEstimate({ low: diff('low'), value: diff('value'), high: diff('high') }, [...eff, ...base], [SCENARIO_REASON]);
      const replacementsAvoided = propagate([share], ([m]) => (m as number) * input.population, 'devices');
      return { variant: v.variant, baseline: baseName, replacementsAvoided, kgCO2eAvoided: kgFor(replacementsAvoided) };
    });

  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const lines = variants.map((v) => `${v.variant}: ${pct(v.missShare.value)} of devices miss ${budget} ms (${pct(v.missShare.low)}–${pct(v.missShare.high)})`);
  const best = [...avoided].sort((a, b) => b.kgCO2eAvoided.value - a.kgCO2eAvoided.value)[0];
  const saved =
    best && best.kgCO2eAvoided.value > 0
      ? ` ${best.variant} keeps ${Math.round(best.replacementsAvoided.value)} more of ${input.population} devices useful than ${best.baseline}, avoiding ${best.kgCO2eAvoided.value.toPrecision(3)} kgCO2e of new devices.`
      : '';
  const gaps = variants.filter((v) => v.coveredShare < 1).map((v) => `${v.variant} has latency data for ${pct(v.coveredShare)} of devices`);
  const sentence = `${lines.join('; ')}.${saved}${gaps.length ? ` Note: ${gaps.join('; ')}.` : ''}`;
  return { state: 'computed', budgetMs: budget, variants, avoided, sentence };
}

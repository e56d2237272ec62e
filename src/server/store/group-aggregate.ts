import type { EstimateMethod } from '../../core/estimate.js';
import { METRIC_COLUMNS } from './migrations.js';
import type { MetricAggregate } from './result-store.js';
import { medianOf, weightedQuantile, type Weighted } from './weighted-quantile.js';

/**
 * The numbers behind one class group (model, variant, runtime, backend, device class) and the
 * device rows inside it, built so that volume buys no weight:
 * - a submission counts once per cell (the median of its records of that cell);
 * - a device row is the median over the networks it was submitted from of each network's median,
 *   so one network repeating a device cannot outvote others that measured the same device;
 * - a device whose median is more than OUTLIER_FACTOR away from the class's peers (the median over
 *   networks, once at least MIN_REFERENCE_NETWORKS networks have measured the cell) is an outlier:
 *   its row is provisional and it is left out of the class row;
 * - the class row is the median of per-device medians, each network's devices together weighing
 *   at most one device: twenty invented devices from two addresses weigh two.
 */

/** One ranked result row as read back for aggregation (column names as stored). */
export interface GroupResultRow {
  submission_id: string;
  device_id: string;
  network_key: string;
  latency_median_ms: number;
  [column: string]: unknown;
}

export type MetricColumn = (typeof METRIC_COLUMNS)[number];
type Metric = 'latency' | MetricColumn;
const METRICS: readonly Metric[] = ['latency', ...METRIC_COLUMNS];
/** The metrics rankings are most often sorted by; a device far off in either is an outlier. */
const OUTLIER_METRICS: readonly Metric[] = ['latency', 'energy'];

export const OUTLIER_FACTOR = 10;
export const MIN_REFERENCE_NETWORKS = 3;

export interface GroupAggregate {
  /** distinct submissions behind the row */
  n: number;
  devices: number;
  networks: number;
  /** far from its class's peers: never ranked */
  outlier: boolean;
  latency: MetricAggregate | null;
  metrics: Record<MetricColumn, MetricAggregate | null>;
}

export interface ClassGroupAggregate {
  classRow: GroupAggregate;
  /** by device id */
  deviceRows: Map<string, GroupAggregate>;
}

/** One metric's value for one unit (a submission, a network within a device, a device). */
interface Point {
  value: number;
  low: number | null;
  high: number | null;
  methods: Set<EstimateMethod>;
  /** submissions behind it */
  count: number;
}

interface SubmissionPoints {
  device: string;
  network: string;
  points: Partial<Record<Metric, Point>>;
}

export function aggregateClassGroup(rows: readonly GroupResultRow[]): ClassGroupAggregate {
  const submissions = [...groupBy(rows, (r) => r.submission_id).values()].map(submissionPoints);
  const byDevice = groupBy(submissions, (s) => s.device);
  const reference = referenceMedians(submissions);

  const devicePoints = new Map<string, Partial<Record<Metric, Point>>>();
  const deviceRows = new Map<string, GroupAggregate>();
  for (const [device, subs] of byDevice) {
    const perNetwork = [...groupBy(subs, (s) => s.network).values()].map((list) => combine(list.map((s) => s.points)));
    const points = combine(perNetwork);
    const outlier = OUTLIER_METRICS.some((m) => isFar(points[m]?.value, reference[m]));
    devicePoints.set(device, points);
    deviceRows.set(device, {
      // the median counts each network once; the IQR describes what was submitted
      ...spreadAll(
        perNetwork.map((p) => ({ points: p, weight: 1 })),
        subs.map((s) => ({ points: s.points, weight: 1 })),
      ),
      n: subs.length,
      devices: 1,
      networks: perNetwork.length,
      outlier,
    });
  }

  const kept = [...byDevice].filter(([device]) => !deviceRows.get(device)!.outlier);
  const networksOf = new Map(kept.map(([device, subs]) => [device, new Set(subs.map((s) => s.network))]));
  const devicesOnNetwork = new Map<string, number>();
  for (const nets of networksOf.values()) for (const n of nets) devicesOnNetwork.set(n, (devicesOnNetwork.get(n) ?? 0) + 1);
  const weighted = kept.map(([device]) => ({
    points: devicePoints.get(device)!,
    weight: Math.min(1, [...networksOf.get(device)!].reduce((w, n) => w + 1 / devicesOnNetwork.get(n)!, 0)),
  }));
  const classRow: GroupAggregate = {
    ...spreadAll(weighted),
    n: kept.reduce((sum, [, subs]) => sum + subs.length, 0),
    devices: kept.length,
    networks: devicesOnNetwork.size,
    outlier: false,
  };
  return { classRow, deviceRows };
}

function submissionPoints(records: GroupResultRow[]): SubmissionPoints {
  const points: Partial<Record<Metric, Point>> = {};
  points.latency = pointOf(records.map((r) => ({ value: Number(r.latency_median_ms), low: null, high: null, methods: new Set(), count: 1 })));
  for (const m of METRIC_COLUMNS) {
    const withMetric = records.filter((r) => typeof r[`${m}_value`] === 'number');
    if (withMetric.length === 0) continue;
    points[m] = pointOf(
      withMetric.map((r) => ({
        value: r[`${m}_value`] as number,
        low: r[`${m}_low`] as number,
        high: r[`${m}_high`] as number,
        methods: new Set([r[`${m}_method`] as EstimateMethod]),
        count: 1,
      })),
    );
  }
  // legacy rows (stored before network keys) count as a network each: they were public under the old rule
  const network = records[0]!.network_key || `legacy:${records[0]!.submission_id}`;
  // however many records of the cell it holds, a submission is one submission
  for (const p of Object.values(points)) p.count = 1;
  return { device: records[0]!.device_id, network, points };
}

/** Median per metric over units, each unit once. */
function combine(units: ReadonlyArray<Partial<Record<Metric, Point>>>): Partial<Record<Metric, Point>> {
  const out: Partial<Record<Metric, Point>> = {};
  for (const m of METRICS) {
    const list = units.map((u) => u[m]).filter((p): p is Point => p !== undefined);
    if (list.length > 0) out[m] = pointOf(list);
  }
  return out;
}

function pointOf(list: readonly Point[]): Point {
  const lows = list.map((p) => p.low).filter((v): v is number => v !== null);
  const highs = list.map((p) => p.high).filter((v): v is number => v !== null);
  return {
    value: medianOf(list.map((p) => p.value)),
    low: lows.length > 0 ? medianOf(lows) : null,
    high: highs.length > 0 ? medianOf(highs) : null,
    methods: new Set(list.flatMap((p) => [...p.methods])),
    count: list.reduce((sum, p) => sum + p.count, 0),
  };
}

/** The class's peer value per metric: the median over networks, when enough networks measured it. */
function referenceMedians(submissions: readonly SubmissionPoints[]): Partial<Record<Metric, number>> {
  const perNetwork = [...groupBy(submissions, (s) => s.network).values()].map((list) => combine(list.map((s) => s.points)));
  const out: Partial<Record<Metric, number>> = {};
  for (const m of OUTLIER_METRICS) {
    const values = perNetwork.map((p) => p[m]?.value).filter((v): v is number => v !== undefined);
    if (values.length >= MIN_REFERENCE_NETWORKS) out[m] = medianOf(values);
  }
  return out;
}

function isFar(value: number | undefined, reference: number | undefined): boolean {
  if (value === undefined || reference === undefined || !(reference > 0)) return false;
  return value > reference * OUTLIER_FACTOR || value < reference / OUTLIER_FACTOR;
}

type Units = ReadonlyArray<{ points: Partial<Record<Metric, Point>>; weight: number }>;

/** `units` give the median (and n, interval, methods); `iqrUnits`, when given, the quartiles. */
function spreadAll(units: Units, iqrUnits: Units = units): Pick<GroupAggregate, 'latency' | 'metrics'> {
  const metrics = {} as Record<MetricColumn, MetricAggregate | null>;
  for (const m of METRIC_COLUMNS) metrics[m] = spread(units, iqrUnits, m);
  return { latency: spread(units, iqrUnits, 'latency'), metrics };
}

function spread(units: Units, iqrUnits: Units, m: Metric): MetricAggregate | null {
  const with_ = units.filter((u) => u.points[m] !== undefined);
  if (with_.length === 0) return null;
  const at = (list: Units, pick: (p: Point) => number | null): Weighted[] =>
    list.flatMap((u) => {
      const v = u.points[m] === undefined ? null : pick(u.points[m]!);
      return v === null ? [] : [{ value: v, weight: u.weight }];
    });
  const values = at(with_, (p) => p.value);
  const quartileValues = at(iqrUnits, (p) => p.value);
  const lows = at(with_, (p) => p.low);
  const highs = at(with_, (p) => p.high);
  return {
    n: with_.reduce((sum, u) => sum + u.points[m]!.count, 0),
    median: weightedQuantile(values, 0.5),
    p25: weightedQuantile(quartileValues, 0.25),
    p75: weightedQuantile(quartileValues, 0.75),
    low: m === 'latency' || lows.length === 0 ? null : weightedQuantile(lows, 0.5),
    high: m === 'latency' || highs.length === 0 ? null : weightedQuantile(highs, 0.5),
    methods: m === 'latency' ? [] : [...new Set(with_.flatMap((u) => [...u.points[m]!.methods]))].sort(),
  };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

import type { EstimateMethod } from '../../core/estimate.js';
import type { DeviceClass, SubmissionAck } from '../../core/submission-schema.js';
import type { EstimatedMetric, LeaderboardMetric, MetricValue } from '../leaderboard/metric-keys.js';

/** A device as the leaderboard groups it: the coarse descriptor plus a stable id derived from it. */
export interface DeviceRecord {
  /** 16 hex chars, derived from the descriptor; safe in URLs */
  id: string;
  class: DeviceClass;
  platform: string;
  model: string | null;
  gpuVendor: string | null;
  gpuArchitecture: string | null;
  cores: number;
  memoryGiB: number | null;
  label: string;
}

/** One completed result as stored: the figures the leaderboard ranks by, plus why it is unranked. */
export interface StoredResult {
  recordId: string;
  modelId: string;
  variant: string;
  runtime: string;
  /** the backend that actually ran (effective); rows group by it */
  backend: string;
  requestedBackend: string;
  latencyMedianMs: number;
  samples: number;
  metrics: Partial<Record<EstimatedMetric, MetricValue>>;
  /** empty: ranked. Otherwise the reasons it is quarantined; never shown to the submitter */
  quarantineReasons: string[];
}

export interface NewSubmission {
  submissionId: string;
  receivedAt: string;
  bundleVersion: number;
  payloadSha256: string;
  /** the validated bundle, as JSON: the evidence behind every stored figure */
  payloadJson: string;
  /**
   * Coarse, salted key of the network it came from (network-key.ts); never the address. Rows
   * need results from several networks to be public.
   */
  networkKey: string;
  device: DeviceRecord;
  results: StoredResult[];
}

export type PutOutcome =
  | { kind: 'stored'; ack: SubmissionAck }
  | { kind: 'replay'; ack: SubmissionAck }
  | { kind: 'conflict'; message: string };

export type AggregateScope = 'device' | 'class';

export interface LeaderboardFilter {
  modelId?: string;
  variant?: string;
  runtime?: string;
  backend?: string;
  deviceClass?: DeviceClass;
  deviceId?: string;
}

export interface LeaderboardQuery extends LeaderboardFilter {
  /** 'device': one row per device; 'class': devices pooled by class */
  scope: AggregateScope;
  sort: LeaderboardMetric;
  /** ranked rows need this much support: submissions (device rows) or devices (class rows) */
  minN: number;
  /** ranked rows need results from at least this many networks (network-key.ts) */
  minNetworks: number;
  /** 'ranked' (default): public rows; 'provisional': rows held for corroboration or as outliers */
  status?: 'ranked' | 'provisional';
  limit: number;
  offset: number;
}

/**
 * Median of per-submission values with its spread. For estimates, `low`/`high` are the medians of
 * the submissions' own interval bounds: the typical uncertainty of one estimate, not a CI.
 */
export interface MetricAggregate {
  n: number;
  median: number;
  p25: number;
  p75: number;
  low: number | null;
  high: number | null;
  methods: EstimateMethod[];
}

export interface AggregateRow {
  scope: AggregateScope;
  modelId: string;
  variant: string;
  runtime: string;
  backend: string;
  deviceClass: DeviceClass;
  /** null for class scope */
  deviceId: string | null;
  deviceLabel: string;
  /** distinct ranked submissions behind the row */
  n: number;
  /** distinct devices behind the row (1 for a device row; class rows leave outliers out) */
  devices: number;
  /** distinct networks the row's submissions came from */
  networks: number;
  /** not ranked: too little corroboration, or an outlier; shown only when asked for */
  provisional: boolean;
  /** a device far (over 10×) from its class's peers */
  outlier: boolean;
  latencyMs: MetricAggregate;
  energyJ: MetricAggregate | null;
  carbonGCO2e: MetricAggregate | null;
  sciGCO2e: MetricAggregate | null;
}

export interface DeviceShare extends DeviceRecord {
  /** submissions from this device with at least one ranked result */
  submissions: number;
}

export interface ModelSummary {
  modelId: string;
  variants: number;
  /** ranked device rows, over all variants, runtimes, backends and devices */
  publicRows: number;
}

export interface StoredSubmissionView {
  submissionId: string;
  receivedAt: string;
  payloadJson: string;
  device: DeviceRecord;
  results: StoredResult[];
}

export interface StoreCounts {
  submissions: number;
  results: number;
  quarantined: number;
  devices: number;
}

/**
 * The leaderboard's storage. Implementations: sqlite (embedded default), postgres (DATABASE_URL).
 * Every implementation passes `describeResultStore` (result-store.suite.ts).
 */
export interface ResultStore {
  readonly kind: string;
  /** Store once per submission id. A replay with the same content returns the first ack. */
  putSubmission(s: NewSubmission): Promise<PutOutcome>;
  /** Bulk load in one transaction (seeding, imports); ids already stored are skipped. */
  putSubmissions(list: readonly NewSubmission[]): Promise<{ stored: number; skipped: number }>;
  getAck(submissionId: string): Promise<SubmissionAck | null>;
  getSubmission(submissionId: string): Promise<StoredSubmissionView | null>;
  leaderboard(q: LeaderboardQuery): Promise<{ rows: AggregateRow[]; total: number }>;
  device(deviceId: string): Promise<DeviceRecord | null>;
  /**
   * The device distribution: devices with at least one ranked row (minN, minNetworks as in
   * LeaderboardQuery), most submissions first. An invented device that nobody corroborates is
   * not listed.
   */
  deviceShares(minN: number, minNetworks: number): Promise<DeviceShare[]>;
  models(minN: number, minNetworks: number): Promise<ModelSummary[]>;
  counts(): Promise<StoreCounts>;
  /**
   * Brings every ranking up to date now. Reads catch up on their own (a bounded amount per read,
   * the rest in the background); call this after a bulk import or before timing reads.
   */
  refreshAggregates(): Promise<void>;
  close(): Promise<void>;
}

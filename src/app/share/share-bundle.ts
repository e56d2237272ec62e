import { version as APP_VERSION } from '../../../package.json';
import type { Environment } from '../../core/environment.js';
import type { ModelEntry } from '../../core/model-manifest.js';
import type { CompletedResult, ResultRecord, RunReport } from '../../core/result-schema.js';
import { deviceClassSchema, MAX_RESULTS_PER_BUNDLE, type DeviceClass, type SubmissionBundle, type VariantFacts } from '../../core/submission-schema.js';
import { buildSubmissionBundle } from '../../client/upload-queue-bundle.js';
import type { QueuedUpload } from '../../client/upload-queue.js';

/**
 * What Share turns the person's choice into: one or more submission bundles (the server takes at
 * most MAX_RESULTS_PER_BUNDLE results and a few MB per request, so a large choice is split).
 */

/** Well under the server's 4 MB body limit, leaving room for JSON whitespace differences. */
export const MAX_BUNDLE_JSON_BYTES = 3 * 1024 * 1024;

export function shareableRecords(records: readonly ResultRecord[]): CompletedResult[] {
  return records
    .filter((r): r is CompletedResult => r.state === 'completed')
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * The device class the estimates of these records rested on (the power-profile match), when they
 * agree on one the leaderboard knows; `computer`/`any` profiles do not say laptop or desktop.
 */
export function profileDeviceClass(records: readonly CompletedResult[]): DeviceClass | undefined {
  const classes = new Set(records.map((r) => r.estimation?.profile.deviceClass));
  if (classes.size !== 1) return undefined;
  const parsed = deviceClassSchema.safeParse([...classes][0]);
  return parsed.success && parsed.data !== 'unknown' ? parsed.data : undefined;
}

/** FLOPs per inference from the zoo manifest, so the server can check latency against compute. */
export function variantFactsFor(records: readonly CompletedResult[], models: readonly ModelEntry[]): VariantFacts[] {
  const facts = new Map<string, VariantFacts>();
  for (const r of records) {
    const entry = models.find((m) => m.id === r.cell.modelId && m.variant === r.cell.variant);
    if (!entry || !(entry.accounting.flops > 0)) continue;
    facts.set(`${entry.id}\u0000${entry.variant}`, { modelId: entry.id, variant: entry.variant, flopsPerInference: entry.accounting.flops });
  }
  return [...facts.values()];
}

/**
 * Record id → the upload it is in. A record already acknowledged or on its way must not be sent
 * again in a new bundle: the server counts each record once and refuses the repeat.
 */
export function uploadsByRecord(uploads: readonly QueuedUpload[]): Map<string, QueuedUpload> {
  const byRecord = new Map<string, QueuedUpload>();
  for (const u of [...uploads].sort((a, b) => a.enqueuedAtMs - b.enqueuedAtMs)) {
    if (u.state === 'rejected') continue;
    for (const r of u.bundle.results) byRecord.set(r.id, u);
  }
  return byRecord;
}

export interface ShareInput {
  environment: Environment;
  records: readonly CompletedResult[];
  deviceClass?: DeviceClass;
  variantFacts?: readonly VariantFacts[];
  /** fresh per preview; injectable for tests */
  newId?: () => string;
}

/** The bundles Share will send, in order, each built by the client library's buildSubmissionBundle. */
export function buildShareBundles(input: ShareInput): SubmissionBundle[] {
  const newId = input.newId ?? (() => crypto.randomUUID());
  const bundles: SubmissionBundle[] = [];
  let chunk: CompletedResult[] = [];
  let chunkBytes = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    bundles.push(bundleOf(input, chunk, newId()));
    chunk = [];
    chunkBytes = 0;
  };
  for (const r of input.records) {
    const bytes = JSON.stringify(r).length;
    if (chunk.length >= MAX_RESULTS_PER_BUNDLE || (chunk.length > 0 && chunkBytes + bytes > MAX_BUNDLE_JSON_BYTES)) flush();
    chunk.push(r);
    chunkBytes += bytes;
  }
  flush();
  return bundles;
}

function bundleOf(input: ShareInput, results: CompletedResult[], submissionId: string): SubmissionBundle {
  const ids = new Set(results.map((r) => `${r.cell.modelId}\u0000${r.cell.variant}`));
  const variantFacts = (input.variantFacts ?? []).filter((f) => ids.has(`${f.modelId}\u0000${f.variant}`));
  // buildSubmissionBundle reads only the tool, the environment and the results of a report; the
  // app has no run report for a hand-picked set of records, so only those fields are given
  const report = { tool: { name: 'edgewatt' as const, version: APP_VERSION }, environment: input.environment, results } satisfies Pick<RunReport, 'tool' | 'environment' | 'results'>;
  return buildSubmissionBundle({ report, deviceClass: input.deviceClass, variantFacts, submissionId });
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { NewSubmission, StoredResult } from '../store/result-store.js';
import { deviceRecordOf } from './device-identity.js';
import { extractEstimatedMetrics } from './metric-keys.js';
import { quarantineReasons } from './plausibility.js';
import { boundsProblems } from './input-bounds.js';
import { checkBundle } from './submission-checks.js';
import { flopsKey, type KnownFlops } from './zoo-flops.js';
import { proofOfRunReasons, type KnownDigests } from './zoo-digests.js';
import { submissionBundleSchema, type SubmissionBundle } from '../../core/submission-schema.js';

export type IntakeOutcome =
  | { ok: true; submission: NewSubmission }
  | { ok: false; status: 400 | 422; error: string; details: string[] };

const MAX_DETAILS = 20;

/**
 * From an untrusted JSON value to what the store keeps: bounds and schema (400), consistency
 * (422), then plausibility, which only marks results as quarantined. Never throws on any input.
 */
export function intakeSubmission(body: unknown, receivedAt: string, networkKey: string, knownFlops?: KnownFlops, knownDigests?: KnownDigests): IntakeOutcome {
  const steps = intakeSteps(body, receivedAt, networkKey, knownFlops, knownDigests);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same intake as steps: each `yield` is a point where a caller may let the event loop serve
 * other requests (heavy-intake.ts). A 4 MB bundle takes ~140 ms to check; in one piece that
 * stalled every reader for as long.
 */
export function* intakeSteps(body: unknown, receivedAt: string, networkKey: string, knownFlops?: KnownFlops, knownDigests?: KnownDigests): Generator<void, IntakeOutcome> {
  const unbounded = boundsProblems(body);
  if (unbounded.length > 0) {
    return {
      ok: false,
      status: 400,
      error: 'The submission holds text or lists the leaderboard does not store (too long, too many, or with control characters); see details.',
      details: unbounded.slice(0, MAX_DETAILS),
    };
  }
  yield;
  const parsed = submissionBundleSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      error: 'The submission does not match the result bundle schema; fix the fields listed in details and send it again.',
      details: parsed.error.issues.slice(0, MAX_DETAILS).map(describeIssue),
    };
  }
  yield;
  const bundle = parsed.data;
  const problems = checkBundle(bundle);
  if (problems.length > 0) {
    return {
      ok: false,
      status: 422,
      error: 'The submission is well-formed but its numbers do not add up; see details.',
      details: problems.slice(0, MAX_DETAILS),
    };
  }
  yield;
  return { ok: true, submission: toNewSubmission(bundle, receivedAt, networkKey, knownFlops, knownDigests) };
}

/**
 * `networkKey`: see network-key.ts; callers without a client (seeding, tests) pass their own.
 * `knownFlops`: the server's own FLOPs counts (zoo-flops.ts), which win over the bundle's.
 * `knownDigests`: the zoo's own output digests (zoo-digests.ts); a zoo result without a matching
 * one is quarantined like an implausible one. Absent: no proof of run is asked for.
 */
export function toNewSubmission(bundle: SubmissionBundle, receivedAt: string, networkKey: string, knownFlops?: KnownFlops, knownDigests?: KnownDigests): NewSubmission {
  const device = deviceRecordOf(bundle.device);
  const claimed = new Map(bundle.variantFacts.map((f) => [flopsKey(f.modelId, f.variant), f.flopsPerInference]));
  const flopsOf = (modelId: string, variant: string) => knownFlops?.get(flopsKey(modelId, variant)) ?? claimed.get(flopsKey(modelId, variant)) ?? null;
  const results: StoredResult[] = bundle.results.map((r) => {
    const { values } = extractEstimatedMetrics(r);
    return {
      // UUIDs compare case-insensitively: 'ABC…' and 'abc…' are one record, counted once
      recordId: r.id.toLowerCase(),
      modelId: r.cell.modelId,
      variant: r.cell.variant,
      runtime: r.cell.runtime,
      backend: r.effectiveBackend,
      requestedBackend: r.cell.backend,
      latencyMedianMs: r.phases.steady.stats.medianMs,
      samples: r.phases.steady.stats.n,
      metrics: values,
      quarantineReasons: [
        ...quarantineReasons({
          result: r,
          device: bundle.device,
          metrics: values,
          flopsPerInference: flopsOf(r.cell.modelId, r.cell.variant),
        }),
        ...proofOfRunReasons(r, knownDigests),
      ],
    };
  });
  const payloadJson = JSON.stringify(bundle);
  return {
    submissionId: bundle.submissionId.toLowerCase(),
    receivedAt,
    bundleVersion: bundle.bundleVersion,
    payloadSha256: createHash('sha256').update(payloadJson).digest('hex'),
    payloadJson,
    networkKey,
    device,
    results,
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
  // zod's messages name keys but not values; the reply is JSON (nosniff), and clipped
  return `${path}: ${issue.message}`.slice(0, 300);
}

import type { RunReport, CompletedResult } from '../core/result-schema.js';
import { describeDevice } from '../core/device-descriptor.js';
import {
  SUBMISSION_BUNDLE_VERSION,
  type DeviceClass,
  type SubmissionBundle,
  type VariantFacts,
} from '../core/submission-schema.js';

export interface BundleInput {
  /** only the parts a bundle reads: the app shares hand-picked records that have no run report */
  report: Pick<RunReport, 'tool' | 'environment' | 'results'>;
  /** from the power-profile match or the user; without it only phones/tablets are recognised */
  deviceClass?: DeviceClass;
  variantFacts?: VariantFacts[];
  /** a fresh UUID per Share press; the queue and the server key on it */
  submissionId?: string;
}

/**
 * Exactly what Share sends, for the app to show before sending: the completed results of a run
 * and the coarse device descriptor. Errored and skipped cells are not shared.
 */
export function buildSubmissionBundle(input: BundleInput): SubmissionBundle {
  const results = input.report.results.filter((r): r is CompletedResult => r.state === 'completed');
  return {
    bundleVersion: SUBMISSION_BUNDLE_VERSION,
    submissionId: input.submissionId ?? crypto.randomUUID(),
    tool: input.report.tool,
    device: describeDevice(input.report.environment, input.deviceClass),
    results,
    variantFacts: input.variantFacts ?? [],
  };
}

import type { CellSpec } from '../core/cell.js';
import type { BackendAgreement, Fidelity, ResultRecord } from '../core/result-schema.js';
import { RESULT_SCHEMA_VERSION, resultRecordSchema } from '../core/result-schema.js';
import type { SerializedError } from '../core/serialized-error.js';
import type { CellOutcome } from '../core/worker-protocol.js';
import { SYNTHETIC_INPUTS_CAVEAT } from '../core/inputs/input-source.js';
import { outputDigestOf, type OutputDigest } from '../core/output-digest.js';
import { countNonFinite, describeNonFinite, nonFiniteTotal } from '../core/non-finite.js';
import type { ModelFileFacts } from './plan-model.js';
import { diagnoseSpread } from '../measure/spread-diagnosis.js';

type Base = { cell: CellSpec; modelName: string; modelFile?: ModelFileFacts | undefined };

function base({ cell, modelName, modelFile }: Base) {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    cell: { ...cell, modelName },
    ...(modelFile ? { modelFile } : {}),
  } as const;
}

export function erroredRecord(b: Base, error: SerializedError): ResultRecord {
  return { ...base(b), state: 'errored', error };
}

export function skippedRecord(b: Base, reason: string, hint?: string): ResultRecord {
  return { ...base(b), state: 'skipped', reason, ...(hint ? { hint } : {}) };
}

/** What the fidelity inputs were made from, for the output digest; without it the record has none. */
export type DigestInputs = Pick<OutputDigest, 'seed' | 'inputs'>;

/**
 * Turns a worker outcome into a validated record. A record that fails its own schema is a bug
 * in edgewatt; it becomes an errored record that says so rather than a silently bad row.
 */
export function recordFromOutcome(b: Base, outcome: CellOutcome, fidelity: Fidelity, backendAgreement?: BackendAgreement, digestInputs?: DigestInputs): ResultRecord {
  let record: ResultRecord;
  switch (outcome.state) {
    case 'skipped':
      record = skippedRecord(b, outcome.reason, outcome.hint);
      break;
    case 'errored':
      record = erroredRecord(b, outcome.error);
      break;
    case 'completed': {
      const warnings = [...outcome.warnings];
      const stats = outcome.phases.steady.stats;
      if (stats.unstable) {
        const why = diagnoseSpread(outcome.phases.steady.samplesMs, stats);
        warnings.push(`Unstable timings: (p90 − p10) / median = ${(stats.spread * 100).toFixed(0)} % (> 25 %)${why ? `; ${why.summary}` : ''}. Close other apps and keep the page visible.`);
      }
      if (!outcome.phases.warmup.settled) warnings.push(`Warm-up did not settle within ${outcome.phases.warmup.runs} runs; steady-state figures may still include warm-up effects.`);
      if (fidelity.state === 'compared' && !fidelity.pass && fidelity.judged !== false) warnings.push(`Outputs differ from the fp32 reference (${fidelity.reference.runtime}/${fidelity.reference.backend}) beyond tolerance: this cell computes something else.`);
      if (fidelity.state === 'compared' && fidelity.judged === false) warnings.push(`Outputs change by design for ${b.cell.variant} (no fine-tuning after pruning): fidelity is shown, not judged.`);
      const nonFiniteOutputs = countNonFinite(outcome.fidelityOutputs);
      if (nonFiniteTotal(nonFiniteOutputs) > 0) warnings.push(`Non-finite outputs: ${describeNonFinite(nonFiniteOutputs)}. The cell computes something else (an fp16 overflow is the usual cause).`);
      if (fidelity.state === 'compared' && fidelity.inputSource === 'synthetic') warnings.push(SYNTHETIC_INPUTS_CAVEAT);
      if (backendAgreement?.state === 'compared' && !backendAgreement.pass) {
        const ref = backendAgreement.reference;
        warnings.push(
          `Backends disagree: outputs differ from the same ${ref.variant} model on ${ref.runtime}/${ref.backend} (max rel error ${backendAgreement.maxRelError.toExponential(2)}, cosine ${backendAgreement.cosineSimilarity.toFixed(4)}) beyond tolerance: one of the two computes wrong numbers.`,
        );
      }
      record = {
        ...base(b),
        state: 'completed',
        effectiveBackend: outcome.effectiveBackend,
        runtimeVersion: outcome.runtimeVersion,
        threads: outcome.threads,
        phases: outcome.phases,
        fidelity,
        ...(backendAgreement ? { backendAgreement } : {}),
        nonFiniteOutputs,
        ...(digestInputs && outcome.fidelityOutputs.length > 0 ? { outputDigest: outputDigestOf(outcome.fidelityOutputs, digestInputs) } : {}),
        warnings,
      };
      break;
    }
  }
  const parsed = resultRecordSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  return erroredRecord(b, {
    name: 'SchemaViolation',
    message: `edgewatt produced a result that fails its own schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    hint: 'This is a bug in edgewatt; please report it with the exported results.',
  });
}

import { intakeSteps, type IntakeOutcome } from './submission-intake.js';
import type { KnownDigests } from './zoo-digests.js';
import type { KnownFlops } from './zoo-flops.js';

export type TextIntakeOutcome = IntakeOutcome | { ok: false; status: 400; error: string; details: string[] };

export interface IntakeQueue {
  /** Parses and checks a submission body; never throws on any input. */
  intake(text: string, receivedAt: string, networkKey: string): Promise<TextIntakeOutcome>;
}

/** Bodies above this are parsed and checked one at a time, yielding between steps. */
export const HEAVY_BODY_BYTES = 256 * 1024;

/**
 * Keeps reads fast while large bundles arrive: ten 3 MB bundles in a burst used to block the
 * event loop for their whole parse and check, and other clients' GETs waited seconds. Small
 * bodies (the usual tens of KB) are checked at once. Large ones queue behind each other (one at
 * a time, so a burst costs readers one step's wait, not ten bundles'), and between parse, bounds,
 * schema, consistency and conversion the event loop serves whatever else has arrived.
 */
export function createIntakeQueue(options: { heavyBytes?: number; knownFlops?: KnownFlops; knownDigests?: KnownDigests } = {}): IntakeQueue {
  const heavyBytes = options.heavyBytes ?? HEAVY_BODY_BYTES;
  let tail: Promise<unknown> = Promise.resolve();
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function run(text: string, receivedAt: string, networkKey: string, heavy: boolean): Promise<TextIntakeOutcome> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, status: 400, error: 'The body is not valid JSON.', details: [] };
    }
    const steps = intakeSteps(body, receivedAt, networkKey, options.knownFlops, options.knownDigests);
    for (;;) {
      if (heavy) await pause();
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  return {
    intake(text, receivedAt, networkKey) {
      if (text.length < heavyBytes) return run(text, receivedAt, networkKey, false);
      const result = tail.then(() => run(text, receivedAt, networkKey, true));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

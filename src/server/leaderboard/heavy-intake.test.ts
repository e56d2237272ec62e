import { describe, expect, it } from 'vitest';
import { createIntakeQueue } from './heavy-intake.js';
import { intakeSubmission } from './submission-intake.js';
import { makeBundle, makeCompletedResult } from './test-fixtures.js';

const heavyText = () => JSON.stringify(makeBundle({ results: Array.from({ length: 40 }, (_, i) => makeCompletedResult({ seed: i, samples: 500 })) }));

describe('createIntakeQueue', () => {
  it('gives a large body the same outcome as the one-piece intake', async () => {
    const text = heavyText();
    expect(text.length).toBeGreaterThan(200_000);
    const queued = await createIntakeQueue({ heavyBytes: 100_000 }).intake(text, 'now', 'net');
    expect(queued).toEqual(intakeSubmission(JSON.parse(text), 'now', 'net'));
    expect(await createIntakeQueue().intake('{"x":', 'now', 'net')).toMatchObject({ ok: false, status: 400, error: /not valid JSON/ });
  });

  it('lets other requests run between the steps of a large body, and takes large bodies one at a time', async () => {
    const events: string[] = [];
    const queue = createIntakeQueue({ heavyBytes: 100_000 });
    const texts = [heavyText(), heavyText()];
    const done = texts.map((t, i) => queue.intake(t, 'now', 'net').then(() => events.push(`intake ${i}`)));
    // a reader arriving meanwhile: served before either large body is through
    setImmediate(() => events.push('read'));
    await Promise.all(done);
    expect(events).toEqual(['read', 'intake 0', 'intake 1']);
    // a small body is checked at once, without waiting for the event loop
    const small: string[] = [];
    const p = createIntakeQueue().intake(JSON.stringify(makeBundle()), 'now', 'net').then(() => small.push('intake'));
    setImmediate(() => small.push('read'));
    await p;
    expect(small).toEqual(['intake']);
  });
});

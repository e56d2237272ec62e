import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_BUILD_DIR } from '../models-dir.js';
import { toNewSubmission } from './submission-intake.js';
import { makeBundle, makeCompletedResult } from './test-fixtures.js';
import { flopsKey, loadZooFlops } from './zoo-flops.js';

describe('server-side FLOPs of zoo models', () => {
  it('apply the compute bound whatever variantFacts the client sends, or without any', () => {
    const known = new Map([[flopsKey('big-zoo-model', 'fp32'), 5e11]]);
    const result = makeCompletedResult({ modelId: 'big-zoo-model', medianMs: 0.5, samples: 5 });
    const lying = makeBundle({ results: [result], variantFacts: [{ modelId: 'big-zoo-model', variant: 'fp32', flopsPerInference: 1 }] });
    expect(toNewSubmission(lying, 'now', 'net').results[0]!.quarantineReasons).toEqual([]);
    const checked = toNewSubmission(lying, 'now', 'net', known).results[0]!.quarantineReasons;
    expect(checked.join(' ')).toMatch(/below the compute bound .* for 500000000000 FLOPs/);
    const silent = makeBundle({ results: [result] });
    expect(toNewSubmission(silent, 'now', 'net', known).results[0]!.quarantineReasons.join(' ')).toMatch(/compute bound/);
    // a model the server does not know keeps the client's facts
    const other = makeBundle({ results: [makeCompletedResult({ modelId: 'users-own', medianMs: 0.5, samples: 5 })], variantFacts: [{ modelId: 'users-own', variant: 'fp32', flopsPerInference: 5e11 }] });
    expect(toNewSubmission(other, 'now', 'net', known).results[0]!.quarantineReasons.join(' ')).toMatch(/compute bound/);
  });

  it('are read from the built manifest, and absent without one', () => {
    expect(loadZooFlops('/nonexistent/manifest.json').size).toBe(0);
    if (!existsSync(path.join(MODELS_BUILD_DIR, 'manifest.json'))) return;
    const zoo = loadZooFlops();
    expect(zoo.get(flopsKey('mlp-s', 'fp32'))).toBeGreaterThan(0);
    expect([...zoo.values()].every((f) => f > 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { cellKey } from '../core/cell.js';
import { isUsageError } from '../bench/exit-codes.js';
import { planSuite } from './plan-suite.js';
import { suiteSchema } from '../bench/suite-schema.js';

const suite = suiteSchema.parse({
  name: 't',
  models: ['mlp-s', 'cnn-s'],
  runtimes: ['ort', 'tfjs'],
  backends: ['wasm', 'webgl'],
  repetitions: 2,
  protocol: { samplesMin: 60 },
});

describe('planSuite', () => {
  it('expands models × variants × runtimes × backends × repetitions, leaving out what a runtime lacks', () => {
    const plan = planSuite(suite);
    const keys = plan.cells.map((c) => `${cellKey(c.cell)}#${c.repetition}`);
    expect(keys).toEqual([
      'mlp-s/fp32/ort/wasm#1',
      'mlp-s/fp32/ort/wasm#2',
      'mlp-s/fp32/tfjs/wasm#1',
      'mlp-s/fp32/tfjs/wasm#2',
      'mlp-s/fp32/tfjs/webgl#1',
      'mlp-s/fp32/tfjs/webgl#2',
      'cnn-s/fp32/ort/wasm#1',
      'cnn-s/fp32/ort/wasm#2',
      'cnn-s/fp32/tfjs/wasm#1',
      'cnn-s/fp32/tfjs/wasm#2',
      'cnn-s/fp32/tfjs/webgl#1',
      'cnn-s/fp32/tfjs/webgl#2',
    ]);
    expect(plan.unsupported.map((u) => [cellKey(u.cell), u.reason])).toEqual([
      ['mlp-s/fp32/ort/webgl', 'ort has no webgl backend'],
      ['cnn-s/fp32/ort/webgl', 'ort has no webgl backend'],
    ]);
  });

  it('fills the protocol defaults around the suite settings', () => {
    const { protocol } = planSuite(suite);
    expect(protocol.samplesMin).toBe(60);
    expect(protocol.warmupMin).toBe(3);
  });

  it('lets command-line lists replace the suite lists', () => {
    const plan = planSuite(suite, { models: ['cnn-s'], runtimes: ['tfjs'], backends: ['webgl', 'webgl'] });
    expect(new Set(plan.cells.map((c) => cellKey(c.cell)))).toEqual(new Set(['cnn-s/fp32/tfjs/webgl']));
  });

  it('refuses a narrowing that leaves nothing to run', () => {
    let caught: unknown;
    try {
      planSuite(suite, { runtimes: ['ort'], backends: ['webgl'] });
    } catch (err) {
      caught = err;
    }
    expect(isUsageError(caught)).toBe(true);
    expect((caught as Error).message).toContain('nothing to run');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS_BY_RUNTIME } from '../core/cell.js';
import { isUsageError, UsageError } from './exit-codes.js';
import { DEFAULT_SUITES_DIR, listSuites, loadSuite } from './load-suite.js';
import { planSuite } from '../run/plan-suite.js';

function tempSuite(name: string, body: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgewatt-suite-'));
  const file = path.join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return file;
}

function loadError(nameOrPath: string, dir?: string): UsageError {
  try {
    loadSuite(nameOrPath, dir);
  } catch (err) {
    if (isUsageError(err)) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

const valid = { name: 'x', models: ['mlp-s'], runtimes: ['ort'], backends: ['wasm'] };

describe('shipped suites', () => {
  it('ships smoke, ci and full, and each one loads', () => {
    expect(listSuites()).toEqual(expect.arrayContaining(['ci', 'full', 'smoke']));
    for (const name of listSuites()) {
      const { suite, file } = loadSuite(name);
      expect(suite.name).toBe(name);
      expect(file).toBe(path.join(DEFAULT_SUITES_DIR, `${name}.json`));
    }
  });

  it('keeps smoke.json exactly as drafted, with its protocol intact', () => {
    const raw = JSON.parse(readFileSync(path.join(DEFAULT_SUITES_DIR, 'smoke.json'), 'utf8'));
    const { suite } = loadSuite('smoke');
    expect(suite.models).toEqual(raw.models);
    expect(suite.protocol).toMatchObject(raw.protocol);
  });

  it('ci covers both runtimes and every backend each offers, within the CI time budget', () => {
    const { suite } = loadSuite('ci');
    const plan = planSuite(suite);
    for (const runtime of ['ort', 'tfjs'] as const) {
      const planned = plan.cells.filter((c) => c.cell.runtime === runtime).map((c) => c.cell.backend);
      expect(new Set(planned)).toEqual(new Set(BACKENDS_BY_RUNTIME[runtime]));
    }
    expect(suite.models).toEqual(expect.arrayContaining(['mlp-s', 'cnn-s']));
    // the suite must stop itself before the 10-minute budget, leaving time for build and reports
    expect(suite.timeouts.suiteMs).toBeDefined();
    expect(suite.timeouts.suiteMs!).toBeLessThanOrEqual(8 * 60_000);
  });
});

describe('loadSuite errors', () => {
  it('lists the available suites for an unknown name', () => {
    const err = loadError('nightly');
    expect(err.message).toContain('unknown suite "nightly"');
    expect(err.hint).toMatch(/available suites: .*ci.*full.*smoke/);
    expect(err.exitCode).toBe(2);
  });

  it('names the file and the field of a bad value', () => {
    const file = tempSuite('bad-samples.json', { ...valid, protocol: { samplesMin: 0 } });
    const err = loadError(file);
    expect(err.message).toContain(file);
    expect(err.message).toContain('field "protocol.samplesMin"');
  });

  it('names an array element by its index', () => {
    const file = tempSuite('bad-backend.json', { ...valid, backends: ['wasm', 'webgl2'] });
    const err = loadError(file);
    expect(err.message).toContain('field "backends[1]"');
    expect(err.message).toMatch(/webgpu/); // the message lists the valid choices
  });

  it('names a misspelt field as unknown', () => {
    const file = tempSuite('typo.json', { ...valid, repetitons: 3 });
    expect(loadError(file).message).toContain('field "repetitons": unknown field');
  });

  it('names a missing required field', () => {
    const { models: _dropped, ...noModels } = valid;
    const file = tempSuite('no-models.json', noModels);
    expect(loadError(file).message).toContain('field "models"');
  });

  it('checks fields against each other', () => {
    const file = tempSuite('inverted.json', { ...valid, protocol: { samplesMin: 100, samplesMax: 10 } });
    expect(loadError(file).message).toContain('field "protocol.samplesMax": samplesMax (10) is below samplesMin (100)');
    const none = tempSuite('none.json', { ...valid, runtimes: ['ort'], backends: ['webgl', 'cpu'] });
    expect(loadError(none).message).toContain('field "backends"');
  });

  it('reports broken JSON with the file name', () => {
    const file = tempSuite('broken.json', '{ "name": "x", }');
    const err = loadError(file);
    expect(err.message).toContain(`${file} is not valid JSON`);
  });

  it('reports a missing file given by path', () => {
    expect(loadError('./no/such/suite.json').message).toMatch(/suite file not found: .*no\/such\/suite\.json/);
  });

  it('loads a suite file by path, with defaults filled in', () => {
    const { suite } = loadSuite(tempSuite('mine.json', valid));
    expect(suite.variants).toEqual(['fp32']);
    expect(suite.repetitions).toBe(1);
    expect(suite.timeouts.cellMs).toBeGreaterThan(0);
    expect(suite.gate).toEqual({ thresholdPct: 10, confidence: 0.95 });
  });
});

describe('extra cells', () => {
  it('are planned after the grid, and a runtime × backend pair that does not exist is refused naming the field', () => {
    const { suite } = loadSuite('ci');
    const plan = planSuite(suite);
    const extra = plan.cells.filter((c) => c.cell.modelId === 'ppocr-cls');
    expect(extra.map((c) => `${c.cell.variant}/${c.cell.runtime}/${c.cell.backend}`)).toEqual(['fp32/ort/wasm', 'int8-dynamic/ort/wasm', 'fp32/ort/webgpu']);
    // narrowed by --backends like the grid
    expect(planSuite(suite, { backends: ['wasm'] }).cells.some((c) => c.cell.backend === 'webgpu')).toBe(false);
    const file = tempSuite('bad-extra.json', { ...valid, extraCells: [{ modelId: 'mlp-s', runtime: 'ort', backend: 'webgl' }] });
    expect(loadError(file).message).toContain('extraCells[0].backend');
  });
});

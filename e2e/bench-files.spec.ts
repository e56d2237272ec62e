import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { runReportSchema } from '../src/core/result-schema';
import { encodeModel } from '../src/onnx/codec';
import { GraphBuilder, makeModel } from '../src/onnx/graph-builder';
import { DataType } from '../src/onnx/proto';
import { int64Tensor } from '../src/onnx/tensor';

/**
 * `edgewatt bench` on a model that is not in the zoo, as a user runs it from their own
 * repository: the current directory is outside the checkout, the model comes from an npm
 * package edgewatt does not ship (Silero VAD: an If on its int64 sample-rate input).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SILERO = path.join(ROOT, 'node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx');

function userRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-user-repo-'));
  fs.mkdirSync(path.join(dir, 'models'));
  fs.copyFileSync(SILERO, path.join(dir, 'models', 'vad.onnx'));
  return dir;
}

function edgewatt(cwd: string, args: string[]) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/cli/edgewatt.ts'), ...args], { cwd, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('a control-flow model with an int64 input, listed in a suite file of the user repository, runs and is tied to its file', async () => {
  const repo = userRepo();
  fs.mkdirSync(path.join(repo, 'bench'));
  fs.writeFileSync(
    path.join(repo, 'bench', 'vad.json'),
    JSON.stringify({
      name: 'vad',
      models: ['../models/vad.onnx'],
      runtimes: ['ort'],
      backends: ['wasm'],
      protocol: { samplesMin: 30, budgetMs: 100, warmupMax: 10 },
      inputs: { shape: { input: [1, 512], state: [2, 1, 128] }, value: { sr: 16000 } },
      native: false,
    }),
  );
  const r = await edgewatt(repo, ['bench', '--suite', 'bench/vad.json', '--out', 'out']);
  expect(r.code, r.out).toBe(0);
  // quiet by default: no build or zoo log lines before the progress
  expect(r.out).not.toMatch(/up to date/);
  const report = runReportSchema.parse(JSON.parse(fs.readFileSync(path.join(repo, 'out', 'results.json'), 'utf8')));
  const [rec] = report.results;
  expect(rec?.state, JSON.stringify(rec)).toBe('completed');
  expect(rec?.cell).toMatchObject({ modelId: 'vad', variant: 'fp32', runtime: 'ort', backend: 'wasm' });
  expect(rec?.modelFile).toEqual({ name: 'vad.onnx', sha256: createHash('sha256').update(fs.readFileSync(SILERO)).digest('hex'), bytes: fs.statSync(SILERO).size });
  expect(fs.readFileSync(path.join(repo, 'out', 'summary.md'), 'utf8')).toContain('Energy / inference');
});

test('an integer input given no value, an unknown file type, a corrupt model: exit 2 naming what to fix', async () => {
  const repo = userRepo();
  const noSr = await edgewatt(repo, ['bench', 'models/vad.onnx', '--backends', 'wasm', '--input-shape', 'input=1x512', '--input-shape', 'state=2x1x128']);
  expect(noSr.code, noSr.out).toBe(2);
  expect(noSr.out).toMatch(/"sr"/);
  expect(noSr.out).toMatch(/--input-value sr=/);

  fs.writeFileSync(path.join(repo, 'model.pt'), 'not a model');
  const pt = await edgewatt(repo, ['bench', 'model.pt']);
  expect(pt.code).toBe(2);
  expect(pt.out).toMatch(/model\.pt: unknown model file type/);

  const bytes = fs.readFileSync(SILERO);
  fs.writeFileSync(path.join(repo, 'cut.onnx'), bytes.subarray(0, Math.floor(bytes.length / 3)));
  const cut = await edgewatt(repo, ['bench', 'cut.onnx']);
  expect(cut.code, cut.out).toBe(2);
  expect(cut.out).toMatch(/cut\.onnx/);
});

/** Loads (the length is dynamic) but cannot run: a Reshape of n values to 3. */
function reshapeModel(): Uint8Array {
  const g = new GraphBuilder('reshape');
  g.addInput('x', DataType.FLOAT, ['n']);
  g.addInitializer(int64Tensor('to', [1], [3]));
  g.addNode({ opType: 'Reshape', inputs: ['x', 'to'], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, [3]);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-e2e' }));
}

test('a model that loads but fails to run: an errored record with the runtime message and a hint, the other model still runs, exit 3', async () => {
  const repo = userRepo();
  fs.writeFileSync(path.join(repo, 'reshape.onnx'), reshapeModel());
  fs.writeFileSync(path.join(repo, 'suite.json'), JSON.stringify({ name: 'two', models: ['models/vad.onnx', 'reshape.onnx'], runtimes: ['ort'], backends: ['wasm'], protocol: { samplesMin: 20, budgetMs: 50, warmupMax: 5 }, inputs: { shape: { input: [1, 512], state: [2, 1, 128], x: [4] }, value: { sr: 16000 } }, native: false }));
  const r = await edgewatt(repo, ['bench', '--suite', 'suite.json', '--out', 'out']);
  expect(r.code, r.out).toBe(3);
  const report = runReportSchema.parse(JSON.parse(fs.readFileSync(path.join(repo, 'out', 'results.json'), 'utf8')));
  const byModel = Object.fromEntries(report.results.map((x) => [x.cell.modelId, x]));
  expect(byModel.vad?.state).toBe('completed');
  const bad = byModel.reshape;
  expect(bad?.state).toBe('errored');
  if (bad?.state !== 'errored') return;
  expect(bad.error.message).toMatch(/reshape|Reshape/);
  expect(bad.error.hint).toMatch(/--input-shape/);
});

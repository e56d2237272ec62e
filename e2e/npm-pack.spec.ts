import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { RunReport } from '../src/core/result-schema';
import { encodeModel } from '../src/onnx/codec';
import { GraphBuilder, makeModel } from '../src/onnx/graph-builder';
import { DataType } from '../src/onnx/proto';
import { float32Tensor } from '../src/onnx/tensor';
import { CHECKOUT_ROOT, cleanNpmEnv, packAndInstall, type PackedProject } from '../scripts/packed-project';

/**
 * What a user gets from `npm install edgewatt`: the checkout packed (prepack builds the app and
 * the CLI; a fresh app build is reused), installed into an empty project outside the checkout,
 * run through npx. Only Node child processes; the bench step launches Debian's Chromium itself.
 */
test.describe.configure({ mode: 'serial', timeout: 5 * 60_000 });

let workDir: string;
let project: PackedProject;

test.beforeAll(() => {
  test.setTimeout(5 * 60_000);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-pack-'));
  project = packAndInstall(workDir);
});

test.afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

function npx(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['edgewatt', ...args], { cwd: project.dir, env: cleanNpmEnv(), encoding: 'utf8', timeout: 4 * 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** y = Relu(x·W + b), 1×16 → 1×8: a model file of the user's, not one of the zoo. */
function writeTinyModel(file: string): void {
  const g = new GraphBuilder('tiny-mlp');
  g.addInput('x', DataType.FLOAT, [1, 16]);
  g.addInitializer(float32Tensor('W', [16, 8], Float32Array.from({ length: 128 }, (_, i) => ((i * 37) % 17) / 17 - 0.5)));
  g.addInitializer(float32Tensor('b', [8], new Float32Array(8).fill(0.1)));
  const [h] = g.addNode({ opType: 'Gemm', inputs: ['x', 'W', 'b'], outputs: ['h'] });
  g.addNode({ opType: 'Relu', inputs: [h], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, [1, 8]);
  fs.writeFileSync(file, encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-e2e' })));
}

test('the tarball ships the built CLI and app, and no sources, tests or zoo', () => {
  const files = project.tarball.files;
  console.log(`tarball: ${(project.tarball.size / 1e6).toFixed(1)} MB, ${files.length} files, ${(project.tarball.unpackedSize / 1e6).toFixed(1)} MB unpacked`);
  for (const f of ['package.json', 'bin/edgewatt.mjs', 'lib/edgewatt.js', 'dist/index.html', 'benchmarks/suites/smoke.json']) expect(files).toContain(f);
  expect(files.filter((f) => /^(src|e2e|models|scripts|workers|public)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.map'))).toEqual([]);
});

test('the installed package has no build tools: no tsx, Vite or esbuild at run time', () => {
  for (const tool of ['tsx', 'vite', 'esbuild', 'typescript']) expect(fs.existsSync(path.join(project.dir, 'node_modules', tool)), tool).toBe(false);
});

test('npx edgewatt --help answers with the usage', () => {
  const top = npx(['--help']);
  expect(top.code).toBe(0);
  expect(top.stdout).toContain('Usage: edgewatt <command>');
  const bench = npx(['bench', '--help']);
  expect(bench.code).toBe(0);
  expect(bench.stdout).toContain('Usage: edgewatt bench');
});

test('a zoo suite run from the package says it needs a checkout and exits 2', () => {
  const r = npx(['bench', '--suite', 'smoke', '--out', 'out-smoke']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/model zoo is not installed/);
  expect(r.stderr).toMatch(/checkout/);
});

test('npx edgewatt bench measures model files that are not in the zoo, one with control flow and an int64 input, and a variant forged from it', () => {
  writeTinyModel(path.join(project.dir, 'tiny-mlp.onnx'));
  // Silero VAD v5 (npm @ricky0123/vad-web): an If on its int64 sample-rate input, LSTMs inside the branches
  fs.copyFileSync(path.join(CHECKOUT_ROOT, 'node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx'), path.join(project.dir, 'vad.onnx'));
  const r = npx(['bench', './tiny-mlp.onnx', './vad.onnx', '--variants', 'fp16', '--backends', 'wasm', '--input-shape', 'input=1x512', '--input-shape', 'state=2x1x128', '--input-value', 'sr=16000', '--out', 'out']);
  const report = JSON.parse(fs.readFileSync(path.join(project.dir, 'out', 'results.json'), 'utf8')) as RunReport;
  const states = Object.fromEntries(report.results.map((x) => [`${x.cell.modelId}/${x.cell.variant}/${x.cell.backend}`, x.state]));
  expect(states, `${r.stdout}\n${r.stderr}`).toMatchObject({ 'tiny-mlp/fp32/wasm': 'completed', 'vad/fp32/wasm': 'completed', 'vad/fp16/wasm': 'completed' });
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
});

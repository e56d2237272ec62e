import { describe, expect, it } from 'vitest';
import { BENCH_USAGE, parseBenchArgs, parseThresholdPct } from './bench-args.js';
import { EXIT_CODES, isUsageError, type UsageError } from './exit-codes.js';

function usageError(argv: string[]): UsageError {
  try {
    parseBenchArgs(argv);
  } catch (err) {
    if (isUsageError(err)) return err;
    throw err;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('parseBenchArgs', () => {
  it('gives the defaults for no arguments', () => {
    const { outDir, ...rest } = parseBenchArgs([]);
    expect(rest).toEqual({ help: false, suite: 'smoke', files: [], formats: ['json', 'md', 'gab'], inputFlags: { shapes: [], ranges: [], values: [] }, verbose: false });
    // a fresh folder per run, so an earlier run's results are never overwritten
    expect(outDir).toMatch(/^results\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
  });

  it('reads every option', () => {
    const a = parseBenchArgs([
      '--suite',
      'ci',
      '--models',
      'mlp-s,cnn-s',
      '--backends',
      'wasm',
      '--backends',
      'webgpu,wasm',
      '--runtimes=ort',
      '--out',
      'out/dir',
      '--baseline',
      'base/results.json',
      '--threshold',
      '7.5%',
      '--format',
      'md,gab',
      '--threads',
      '2',
      '--variants',
      'fp16,int8-dynamic',
      '--inputs',
      'x.npz',
      '--input-shape',
      'x=1x512',
      '--input-range',
      'x=-1,1',
      '--input-value',
      'sr=16000',
      '--verbose',
      'a.onnx',
    ]);
    expect(a).toEqual({
      help: false,
      suite: 'ci',
      files: ['a.onnx'],
      threads: 2,
      variants: ['fp16', 'int8-dynamic'],
      inputFlags: { inputs: 'x.npz', shapes: ['x=1x512'], ranges: ['x=-1,1'], values: ['sr=16000'] },
      verbose: true,
      models: ['mlp-s', 'cnn-s'],
      backends: ['wasm', 'webgpu'],
      runtimes: ['ort'],
      outDir: 'out/dir',
      baseline: 'base/results.json',
      thresholdPct: 7.5,
      formats: ['md', 'gab'],
    });
  });

  it('accepts a suite file path and -h', () => {
    expect(parseBenchArgs(['--suite', './my.json', '-h'])).toMatchObject({ suite: './my.json', help: true });
  });

  it('rejects an unknown option with a hint to --help', () => {
    const err = usageError(['--sweet', 'ci']);
    expect(err.message).toMatch(/--sweet/);
    expect(err.hint).toContain('--help');
    expect(err.exitCode).toBe(EXIT_CODES.usage);
  });

  it('takes model files as arguments; then no suite is implied', () => {
    const a = parseBenchArgs(['./model.onnx', './tfjs-model/', '--backends', 'wasm']);
    expect(a.files).toEqual(['./model.onnx', './tfjs-model/']);
    expect(a.suite).toBeUndefined();
  });

  it('rejects a thread count that is not a whole number', () => {
    expect(usageError(['m.onnx', '--threads', 'two']).message).toMatch(/--threads/);
    expect(usageError(['m.onnx', '--threads=-1']).hint).toMatch(/whole number/);
  });

  it('rejects an option without its value', () => {
    expect(usageError(['--suite']).message).toMatch(/--suite/);
    expect(usageError(['--out', '']).message).toContain('--out needs a value');
  });

  it('names unknown backends, runtimes and formats and lists the valid ones', () => {
    const b = usageError(['--backends', 'wasm,webgl2,metal']);
    expect(b.message).toContain('"webgl2", "metal"');
    expect(b.hint).toContain('webgpu');
    expect(usageError(['--runtimes', 'onnx']).hint).toContain('ort, tfjs');
    expect(usageError(['--format', 'html']).hint).toContain('json, md, gab');
    expect(usageError(['--models', ',,']).message).toContain('--models needs at least one value');
  });

  it('rejects thresholds that are not percentages', () => {
    for (const bad of ['ten', '-5', '5%%', '1e3', '2000']) {
      expect(() => parseThresholdPct(bad), bad).toThrow(/--threshold/);
    }
    expect(parseThresholdPct('0')).toBe(0);
    expect(parseThresholdPct(' 12 % ')).toBe(12);
    expect(usageError(['--threshold=-5']).message).toContain('--threshold');
  });

  it('documents every option and the exit codes in the usage text', () => {
    for (const flag of ['--suite', '--models', '--backends', '--runtimes', '--out', '--baseline', '--threshold', '--format', '--help']) {
      expect(BENCH_USAGE).toContain(flag);
    }
    expect(BENCH_USAGE).toMatch(/0 ok, 1 regression, 2 usage or setup error, 3 cells errored/);
  });
});

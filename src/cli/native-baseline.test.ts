import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, completed, latencySamples, runReport } from '../bench/fixtures/run-report-fixture.js';
import { nativeSection } from '../bench/report-markdown-native.js';
import { seededRandom } from '../core/seeded-random.js';
import { ensureModels } from '../modelgen/ensure-models.js';
import { measureNativeBaselines } from './native-baseline.js';

const zoo = [{ id: 'mlp-t', name: 'tiny MLP', seed: 5, spec: { kind: 'mlp' as const, inputSize: 16, hidden: [8], classes: 4 } }];

describe('native baseline (onnxruntime-node)', () => {
  it('runs the ONNX model of every completed ORT cell natively and reports browser ÷ native', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'edgewatt-native-'));
    const { manifest } = await ensureModels({ outDir, zoo, log: () => undefined });
    const rng = seededRandom(3);
    const run = runReport([completed(cell('mlp-t', 'ort', 'wasm'), latencySamples(rng, 50, 0.5)), completed(cell('mlp-t', 'tfjs', 'cpu'), latencySamples(rng, 50, 0.5))]);
    run.protocol = { ...run.protocol, budgetMs: 50, samplesMin: 20, warmupMax: 10 };

    const models = manifest.models.map((m) => ({ id: m.id, variant: m.variant, inputs: m.inputs, file: path.join(outDir, m.files.onnx!) }));
    const native = await measureNativeBaselines(run, models, () => undefined);
    expect(native).toHaveLength(1); // tfjs cells have no native counterpart
    const n = native[0]!;
    expect(n.state).toBe('completed');
    if (n.state !== 'completed') return;
    expect(n.threads).toBe(1);
    expect(n.stats.n).toBeGreaterThanOrEqual(20);
    expect(n.stats.medianMs).toBeGreaterThan(0);

    const md = nativeSection({ ...run, native });
    const browser = run.results[0]!;
    if (browser.state !== 'completed') throw new Error('fixture');
    const ratio = browser.phases.steady.stats.medianMs / n.stats.medianMs;
    expect(md).toContain('Browser ÷ native');
    expect(md).toContain(`${ratio.toPrecision(3)}×`);
  });

  it('says why when a model has no ONNX file, instead of leaving the row out', async () => {
    const rng = seededRandom(4);
    const run = runReport([completed(cell('ghost', 'ort', 'wasm'), latencySamples(rng, 50, 1))]);
    const native = await measureNativeBaselines(run, [], () => undefined);
    expect(native).toEqual([{ state: 'unavailable', modelId: 'ghost', variant: 'fp32', reason: expect.stringMatching(/no ONNX file/) }]);
    expect(nativeSection({ ...run, native })).toContain('unavailable: no ONNX file');
  });
});

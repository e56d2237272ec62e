import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isUsageError } from '../bench/exit-codes.js';
import { encodeModel } from '../onnx/codec.js';
import { GraphBuilder, makeModel } from '../onnx/graph-builder.js';
import { DataType } from '../onnx/proto.js';
import { float32Tensor } from '../onnx/tensor.js';
import { readModelFile } from './model-file.js';

/** y = x · W with a symbolic batch dim, and an int64 scalar input like a sample rate */
function userModel(): Uint8Array {
  const g = new GraphBuilder('user');
  g.addInput('x', DataType.FLOAT, ['batch', 4]);
  g.addInput('sr', DataType.INT64, []);
  g.addInitializer(float32Tensor('W', [4, 2], Float32Array.of(1, 0, 0, 1, 1, 0, 0, 1)));
  g.addNode({ opType: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] });
  g.addNode({ opType: 'Identity', inputs: ['sr'], outputs: ['sr_out'] });
  g.addOutput('y', DataType.FLOAT, ['batch', 2]);
  g.addOutput('sr_out', DataType.INT64, []);
  return encodeModel(makeModel(g.toGraph(), { producerName: 'edgewatt-test' }));
}

async function usageMessage(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isUsageError(err)) return `${err.message} | ${err.hint}`;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('readModelFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgewatt-model-file-'));

  it('reads an ONNX file: name, sha256 of its bytes, and the inputs as the file states them', async () => {
    const bytes = userModel();
    writeFileSync(path.join(dir, 'vad.onnx'), bytes);
    const f = await readModelFile('vad.onnx', dir);
    expect(f).toMatchObject({ format: 'onnx', fileName: 'vad.onnx', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(f.inputs).toEqual([
      { name: 'x', dtype: 'float32', shape: ['batch', 4] },
      { name: 'sr', dtype: 'int64', shape: [] },
    ]);
    expect(f.outputs.map((o) => o.name)).toEqual(['y', 'sr_out']);
  });

  it('reads a TF.js graph model folder without a signature from its Placeholders, hashing model.json and weights', async () => {
    const folder = path.join(dir, 'emotion');
    mkdirSync(folder, { recursive: true });
    const json = JSON.stringify({
      format: 'graph-model',
      modelTopology: {
        node: [
          { name: 'img', op: 'Placeholder', attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '8' }] } }, dtype: { type: 'DT_FLOAT' } } },
          { name: 'w', op: 'Const' },
          { name: 'logits', op: 'MatMul', input: ['img', 'w'] },
        ],
      },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'w', shape: [8, 2], dtype: 'float32' }] }],
    });
    writeFileSync(path.join(folder, 'model.json'), json);
    const weights = Buffer.alloc(64, 1);
    writeFileSync(path.join(folder, 'w.bin'), weights);
    const f = await readModelFile(folder, dir);
    expect(f.format).toBe('tfjs');
    expect(f.inputs).toEqual([{ name: 'img', dtype: 'float32', shape: [null, 8] }]);
    expect(f.outputs.map((o) => o.name)).toEqual(['logits']);
    expect(f.sha256).toBe(createHash('sha256').update(json).update(weights).digest('hex'));
    expect(f.weightPaths).toEqual(['w.bin']);
  });

  it('refuses, naming the file and saying what is expected: missing, unknown type, not ONNX, missing weights', async () => {
    expect(await usageMessage(readModelFile('nope.onnx', dir))).toMatch(/not found: nope\.onnx/);
    writeFileSync(path.join(dir, 'weights.h5'), 'x');
    expect(await usageMessage(readModelFile('weights.h5', dir))).toMatch(/unknown model file type \(\.h5\).*ONNX file.*TF\.js model folder/);
    writeFileSync(path.join(dir, 'broken.onnx'), Buffer.from('this is not protobuf at all, just text'));
    expect(await usageMessage(readModelFile('broken.onnx', dir))).toMatch(/broken\.onnx is not a readable ONNX model/);
    const folder = path.join(dir, 'no-weights');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'model.json'), JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [{ paths: ['gone.bin'], weights: [] }] }));
    expect(await usageMessage(readModelFile(folder, dir))).toMatch(/weight file "gone\.bin" named in model\.json is missing/);
  });
});

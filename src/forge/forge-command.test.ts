import { describe, expect, it } from 'vitest';
import { decodeModel } from '../onnx/codec.js';
import { forgeCommand } from './forge-command.js';
import { memoryForgeIo, zooModel } from './test-fixtures.node.js';

describe('edgewatt forge', () => {
  it('writes the variants asked for and prints the accounting table with fidelity', async () => {
    const m = await zooModel('cnn-s');
    const io = memoryForgeIo({ 'in/cnn.onnx': m.bytes });
    const code = await forgeCommand(['in/cnn.onnx', '--out', 'out/', '--variants', 'fp16,int8-qdq,prune-struct-25', '--check'], io);
    expect(code).toBe(0);
    expect(Object.keys(io.files).sort()).toEqual(['in/cnn.onnx', 'out/cnn.fp16.onnx', 'out/cnn.int8-qdq.onnx', 'out/cnn.prune-struct-25.onnx', 'out/forge-report.json']);
    for (const f of ['out/cnn.fp16.onnx', 'out/cnn.int8-qdq.onnx']) expect(decodeModel(io.files[f]!).graph.node.length).toBeGreaterThan(0);
    const table = io.out.join('\n');
    expect(table).toMatch(/^variant\s+file\s+size\s+params\s+non-zero\s+sparsity\s+MMACs\s+MFLOPs\s+precision\s+fidelity vs fp32/m);
    expect(table).toMatch(/fp16\s+cnn\.fp16\.onnx\s+[\d.]+ KiB\s+1,562\s.*FLOAT16 100\.0 %.*within bound/);
    const pruned = JSON.parse(new TextDecoder().decode(io.files['out/forge-report.json'])).variants[2].accounting;
    expect(table).toMatch(new RegExp(`prune-struct-25 .* ${(pruned.macs / 1e6).toFixed(3)} .*not judged`));
    expect(pruned.macs).toBeLessThan(m.entry.accounting.macs);
    const report = JSON.parse(new TextDecoder().decode(io.files['out/forge-report.json']));
    expect(report.variants.map((v: { variant: string }) => v.variant)).toEqual(['fp16', 'int8-qdq', 'prune-struct-25']);
  });

  it('explains usage errors and unreadable files with exit code 2', async () => {
    const io = memoryForgeIo({});
    expect(await forgeCommand(['model.onnx'], io)).toBe(2);
    expect(io.err.join()).toMatch(/--out <dir> is required/);
    expect(await forgeCommand(['model.onnx', '--out', 'o', '--variants', 'fp8'], io)).toBe(2);
    expect(io.err.join()).toMatch(/unknown variant "fp8".*pick from fp16/s);
    expect(await forgeCommand(['missing.onnx', '--out', 'o'], io)).toBe(2);
    expect(io.err.join()).toMatch(/cannot read missing\.onnx/);
  });

  it('reports a file that is not ONNX as a failure, writing nothing but the report', async () => {
    const io = memoryForgeIo({ 'x.onnx': new TextEncoder().encode('<html>404</html>') });
    expect(await forgeCommand(['x.onnx', '--out', 'o', '--variants', 'fp16'], io)).toBe(1);
    expect(io.err.join()).toMatch(/HTML.*hint: download the model file again/s);
  });
});

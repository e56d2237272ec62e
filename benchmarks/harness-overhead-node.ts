/**
 * How much does measureSteadyState add to a run, versus a bare loop around the same call?
 * Runs onnxruntime-node (native CPU, 1 thread) on tiny MatMul models built inline, plus a
 * synthetic busy-wait, and prints overhead per run in µs and % of the median.
 *
 *   npx tsx benchmarks/harness-overhead-node.ts            # all cases, ~2 min on 2 cores
 *   npx tsx benchmarks/harness-overhead-node.ts --quick    # shorter budget, 1 round
 *
 * Target (issue 2): overhead ≤ 2 % of the median or ≤ 20 µs. Also times computeLatencyStats on
 * the protocol's largest sample count (5000 samples, 2000 bootstrap resamples).
 */
import onnxProtoModule from 'onnx-proto';
import type { onnx as OnnxNs } from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { protocolSchema } from '../src/core/cell.js';
import { computeLatencyStats } from '../src/core/compute-latency-stats.js';
import { makeInput } from '../src/core/seeded-inputs.js';
import { compareHarnessOverhead, type HarnessOverhead } from '../src/measure/harness-overhead.js';

const onnx = (onnxProtoModule as unknown as { onnx: typeof OnnxNs }).onnx;
const quick = process.argv.includes('--quick');
const protocol = protocolSchema.parse({ budgetMs: quick ? 500 : 1500, samplesMin: 50, samplesMax: 5000, minSampleMs: 1 });
const rounds = quick ? 1 : 3;

/** Y = X · W, X: [1, k], W: [k, k] seeded; a model small enough to write by hand */
function matMulModel(k: number): Uint8Array {
  const w = makeInput({ name: 'W', shape: [k, k], dtype: 'float32' }, 1, 0);
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'edgewatt-bench',
    graph: {
      name: `matmul-${k}`,
      node: [{ opType: 'MatMul', input: ['X', 'W'], output: ['Y'] }],
      initializer: [{ name: 'W', dims: [k, k], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(w.buffer) }],
      input: [valueInfo('X', [1, k])],
      output: [valueInfo('Y', [1, k])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function valueInfo(name: string, dims: number[]) {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  };
}

async function ortRun(k: number): Promise<() => Promise<void>> {
  const session = await ort.InferenceSession.create(matMulModel(k), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const x = new ort.Tensor('float32', makeInput({ name: 'X', shape: [1, k], dtype: 'float32' }, 1234, 0), [1, k]);
  return async () => {
    const out = await session.run({ X: x });
    // read back, as the protocol requires; ORT-node outputs are already CPU tensors
    if ((out.Y?.data as Float32Array | undefined)?.length !== k) throw new Error('unexpected output');
  };
}

function busyWait(ms: number): () => void {
  return () => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };
}

function row(label: string, o: HarnessOverhead): string {
  const us = (ms: number) => (ms * 1000).toFixed(2).padStart(9);
  const verdict = Math.abs(o.overheadPct) <= 2 || Math.abs(o.overheadMs) * 1000 <= 20 ? 'ok' : 'OVER TARGET';
  return [
    label.padEnd(28),
    `${us(o.bareMedianMs)} µs`,
    `${us(o.harnessMedianMs)} µs`,
    `${us(o.overheadMs)} µs`,
    `${o.overheadPct.toFixed(2).padStart(7)} %`,
    `${us(o.gapOverheadMs)} µs`,
    `${String(o.n).padStart(5)} × ${o.runsPerSample}`,
    verdict,
  ].join('  ');
}

const cases: [string, () => Promise<() => Promise<void> | void>][] = [
  ['busy-wait 0.2 ms', async () => busyWait(0.2)],
  ['busy-wait 2 ms', async () => busyWait(2)],
  ['ort-node MatMul 1×256·256²', () => ortRun(256)],
  ['ort-node MatMul 1×2048·2048²', () => ortRun(2048)],
];

console.log(`node ${process.version}, onnxruntime-node ${ort.env.versions?.node ?? '?'}, protocol budget ${protocol.budgetMs} ms, minSampleMs ${protocol.minSampleMs}, ${rounds} round(s), medians over rounds`);
console.log(['case'.padEnd(28), 'bare median'.padStart(12), 'harness med.'.padStart(12), 'overhead'.padStart(12), 'overhead'.padStart(9), 'gap/sample'.padStart(12), 'n × runs'.padStart(9)].join('  '));
for (const [label, make] of cases) {
  const run = await make();
  const o = await compareHarnessOverhead(run, protocol, { rounds });
  console.log(row(label, o));
}
console.log('overhead = harness median − bare median (bias in the reported figure); gap/sample = extra untimed time per sample the harness loop spends between samples');

{
  const samples = Array.from({ length: 5000 }, (_, i) => 1 + ((i * 7919) % 1000) / 1000);
  computeLatencyStats(samples); // warm the JIT so the figure is the steady cost
  const t0 = performance.now();
  const reps = 5;
  for (let r = 0; r < reps; r++) computeLatencyStats(samples, { seed: r });
  console.log(`computeLatencyStats, 5000 samples × 2000 resamples: ${((performance.now() - t0) / reps).toFixed(1)} ms per call`);
}

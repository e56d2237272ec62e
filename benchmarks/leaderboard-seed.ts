import { randomUUID } from 'node:crypto';
import { seededRandom } from '../src/core/seeded-random.js';
import { deviceRecordOf } from '../src/server/leaderboard/device-identity.js';
import type { DeviceDescriptor } from '../src/core/submission-schema.js';
import { makeBundle, makeCompletedResult, makeDevice } from '../src/server/leaderboard/test-fixtures.js';
import type { NewSubmission, ResultStore, StoredResult } from '../src/server/store/result-store.js';

/**
 * Test data at leaderboard scale for the load benchmark: devices, models and results with
 * realistic spread, built directly as NewSubmission (no HTTP, no zod) and loaded in large
 * transactions.
 */

const MODELS = ['ppocr-det', 'ppocr-rec', 'ppocr-cls', 'mobilenet-v2', 'efficientnet-lite0', 'yolo-nano', 'bert-tiny', 'whisper-tiny-enc', 'blazeface', 'movenet'];
const VARIANTS = ['fp32', 'fp16', 'int8'];
const CELLS = [
  ['ort', 'wasm'],
  ['ort', 'webgpu'],
  ['tfjs', 'webgl'],
] as const;

export function seedDevices(count: number, seed = 11): DeviceDescriptor[] {
  const rng = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const phone = rng.next() < 0.6;
    return phone
      ? makeDevice({ model: `Phone model ${i}`, cores: rng.int(6, 8), memoryGiB: [4, 8][rng.int(0, 1)]! })
      : makeDevice({
          class: rng.next() < 0.7 ? 'laptop' : 'desktop',
          platform: ['Windows', 'macOS', 'Linux'][rng.int(0, 2)]!,
          model: null,
          gpu: { vendor: `vendor-${i % 7}`, architecture: `arch-${i}` },
          cores: rng.int(4, 32),
          memoryGiB: 8,
        });
  });
}

export async function seedStore(store: ResultStore, o: { results: number; perSubmission?: number; devices?: number; batch?: number }): Promise<{ submissions: number; ms: number }> {
  const per = o.perSubmission ?? 4;
  const rng = seededRandom(5);
  const devices = seedDevices(o.devices ?? 300).map((d) => ({ descriptor: d, record: deviceRecordOf(d), speed: rng.uniform(0.5, 3.5) }));
  // one realistic payload, stored with every seeded submission so the file has a real size
  const payloadJson = JSON.stringify(makeBundle({ results: Array.from({ length: per }, (_, i) => makeCompletedResult({ seed: i })) }));
  const total = Math.ceil(o.results / per);
  const batchSize = o.batch ?? 5000;
  const t0 = performance.now();
  for (let start = 0; start < total; start += batchSize) {
    const batch: NewSubmission[] = [];
    for (let s = start; s < Math.min(total, start + batchSize); s++) {
      const device = devices[rng.int(0, devices.length - 1)]!;
      const results: StoredResult[] = Array.from({ length: per }, () => {
        const m = rng.int(0, MODELS.length - 1);
        const [runtime, backend] = CELLS[rng.int(0, CELLS.length - 1)]!;
        const latency = (2 + m * 3) * device.speed * Math.exp(0.15 * rng.normal());
        const powerW = device.descriptor.class === 'phone' ? 3 : 15;
        const energy = (powerW * latency) / 1000;
        const carbon = (energy / 3.6e6) * 400;
        const est = (v: number) => ({ value: v, low: v * 0.6, high: v * 1.5, method: 'modelled' as const });
        return {
          recordId: randomUUID(),
          modelId: MODELS[m]!,
          variant: VARIANTS[rng.int(0, VARIANTS.length - 1)]!,
          runtime,
          backend,
          requestedBackend: backend,
          latencyMedianMs: latency,
          samples: 60,
          metrics: { energy: est(energy), carbon: est(carbon), sci: est(carbon + 2e-6) },
          quarantineReasons: [],
        };
      });
      batch.push({
        submissionId: randomUUID(),
        receivedAt: new Date().toISOString(),
        bundleVersion: 1,
        payloadSha256: 'seed',
        payloadJson,
        // seeded data come from many networks, as real shares do, so rows can corroborate
        networkKey: `seed-${rng.int(0, 96)}`,
        device: device.record,
        results,
      });
    }
    await store.putSubmissions(batch);
  }
  return { submissions: total, ms: performance.now() - t0 };
}

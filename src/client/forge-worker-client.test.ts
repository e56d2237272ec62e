import { describe, expect, it } from 'vitest';
import { webRunner, zooModel } from '../forge/test-fixtures.node.js';
import { type FakeWorker, fakeComlinkWorker } from './fake-worker.node.js';
import { createForgeEngine } from './forge-engine.js';
import type { ForgeOptions, ForgeProgress, ForgeWorkerApi } from './forge-protocol.js';
import { ForgeSession, timeoutsFor } from './forge-worker-client.js';

const OPTIONS: ForgeOptions = { inputShapes: { input: [1, 32, 32, 3] }, inputRanges: { input: [0, 1] } };

/** typed, so the fake apis below are checked against the forge worker's contract */
const forgeWorker = (makeApi: (self: FakeWorker) => ForgeWorkerApi) => fakeComlinkWorker(makeApi);

async function cnnBytes(): Promise<ArrayBuffer> {
  return (await zooModel('cnn-s')).bytes.slice().buffer as ArrayBuffer;
}

describe('ForgeSession: the page side of the forge worker', () => {
  it('opens the file and forges each variant in the worker, reporting progress step by step', async () => {
    const session = new ForgeSession(() => forgeWorker(() => createForgeEngine({ runner: async () => webRunner })).worker, await cnnBytes(), 'cnn-s.onnx');
    try {
      expect((await session.open()).state).toBe('opened');
      const steps: ForgeProgress[] = [];
      const run = await session.forge(['fp16', 'prune-50'], OPTIONS, (p) => steps.push(p));
      expect(run.base.state).toBe('completed');
      expect(run.variants.map((v) => `${v.variant}:${v.state}`)).toEqual(['fp16:completed', 'prune-50:completed']);
      expect(steps.map((s) => (s.step === 'variant' ? `${s.variant} ${s.index + 1}/${s.total}` : s.step))).toEqual(['account', 'fp16 1/2', 'prune-50 2/2', 'done']);
    } finally {
      session.close();
    }
  });

  it('a variant that crashes the worker is an errored row; a fresh worker re-opens the file and makes the next one', async () => {
    let workers = 0;
    let opens = 0;
    const create = () =>
      forgeWorker((self) => {
        const n = ++workers;
        const engine = createForgeEngine({ runner: async () => webRunner });
        return {
          open: (b, name) => (opens++, engine.open(b, name)),
          account: (o) => engine.account(o),
          forge: (variant, o) => {
            if (n === 1 && variant === 'int8-dynamic') {
              setTimeout(() => self.crash('out of memory'), 5);
              return new Promise(() => undefined);
            }
            return engine.forge(variant, o);
          },
        };
      }).worker;
    const session = new ForgeSession(create, await cnnBytes(), 'cnn-s.onnx');
    try {
      await session.open();
      const run = await session.forge(['fp16', 'int8-dynamic', 'prune-50'], OPTIONS);
      expect(run.variants.map((v) => v.state)).toEqual(['completed', 'errored', 'completed']);
      const crashed = run.variants[1]!;
      expect(crashed.state === 'errored' && crashed.error.message).toMatch(/forge worker crashed: out of memory/);
      expect(crashed.state === 'errored' && crashed.error.hint).toMatch(/fresh forge worker/);
      expect(workers).toBe(2);
      expect(opens).toBe(2);
    } finally {
      session.close();
    }
  });

  it('a variant that hangs past its deadline is an errored row that says so, and the forge goes on', async () => {
    let workers = 0;
    const create = () =>
      forgeWorker(() => {
        const n = ++workers;
        const engine = createForgeEngine({ runner: async () => webRunner });
        return { open: (b, name) => engine.open(b, name), account: (o) => engine.account(o), forge: (v, o) => (n === 1 && v === 'fp16' ? new Promise(() => undefined) : engine.forge(v, o)) };
      }).worker;
    const session = new ForgeSession(create, await cnnBytes(), 'cnn-s.onnx', { openMs: 10_000, accountMs: 10_000, variantMs: 300 });
    try {
      await session.open();
      const run = await session.forge(['fp16', 'prune-50'], OPTIONS);
      expect(run.variants[0]!.state === 'errored' && run.variants[0]!.error.message).toMatch(/Forging fp16 did not finish within \d+ s; the worker was stopped/);
      expect(run.variants[1]!.state).toBe('completed');
    } finally {
      session.close();
    }
  });

  it('deadlines grow with the file: a 10 MB model gets more time than a 10 kB one', () => {
    const small = timeoutsFor(10_000);
    const large = timeoutsFor(10_000_000);
    expect(large.variantMs).toBeGreaterThan(small.variantMs);
    expect(small.variantMs).toBeGreaterThanOrEqual(60_000);
  });
});

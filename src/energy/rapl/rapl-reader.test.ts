import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { measurePhaseEnergy } from './measure-phase.js';
import { nodeRaplFs } from './rapl-node.js';
import { type RaplFs, raplDelta, readRaplSnapshot } from './rapl-reader.js';
import { makeFakePowercap } from './test-support/fake-powercap.js';

const MAX = 262_143_328_850; // a real package max_energy_range_uj
const made: string[] = [];
afterEach(() => {
  for (const b of made.splice(0)) rmSync(b, { recursive: true, force: true });
});
function tree(...args: Parameters<typeof makeFakePowercap>) {
  const t = makeFakePowercap(...args);
  made.push(t.base);
  return t;
}

describe('readRaplSnapshot on a powercap tree', () => {
  it('reads top-level zones only (packages and psys), skipping sub-zones and the control-type dir', async () => {
    const t = tree([
      { zone: 'intel-rapl:0', name: 'package-0', energyUj: 1_000_000, maxEnergyRangeUj: MAX, subzones: [{ zone: 'intel-rapl:0:0', name: 'core', energyUj: 400_000 }] },
      { zone: 'intel-rapl:1', name: 'psys', energyUj: 9_000_000, maxEnergyRangeUj: MAX },
    ]);
    const s = await readRaplSnapshot(nodeRaplFs, t.root);
    expect(s).toEqual({
      state: 'ok',
      zones: [
        { zone: 'intel-rapl:0', name: 'package-0', energyUj: 1_000_000, maxEnergyRangeUj: MAX },
        { zone: 'intel-rapl:1', name: 'psys', energyUj: 9_000_000, maxEnergyRangeUj: MAX },
      ],
    });
  });

  it('says RAPL is absent when there is no powercap dir or no zones', async () => {
    expect(await readRaplSnapshot(nodeRaplFs, '/nonexistent/powercap')).toMatchObject({ state: 'absent' });
    const t = tree([]);
    const s = await readRaplSnapshot(nodeRaplFs, t.root);
    expect(s.state).toBe('absent');
    if (s.state === 'absent') expect(s.reason).toMatch(/no intel-rapl:\* zones/);
  });

  it('reports a counter file that holds garbage as an error, not a crash', async () => {
    const t = tree([{ zone: 'intel-rapl:0', name: 'package-0', energyUj: 5, maxEnergyRangeUj: MAX }]);
    t.setEnergy('intel-rapl:0', Number.NaN);
    expect(await readRaplSnapshot(nodeRaplFs, t.root)).toMatchObject({ state: 'error' });
  });
});

describe('wrap-around', () => {
  it('adds the distance to max_energy_range_uj when a counter went down', () => {
    const before = [{ zone: 'intel-rapl:0', name: 'package-0', energyUj: MAX - 2_000_000, maxEnergyRangeUj: MAX }];
    const after = [{ zone: 'intel-rapl:0', name: 'package-0', energyUj: 3_000_000, maxEnergyRangeUj: MAX }];
    const d = raplDelta(before, after);
    // (MAX − (MAX − 2 000 000)) + 3 000 000 = 5 000 000 µJ
    expect(d).toMatchObject({ totalUj: 5_000_000, zones: [{ wrapped: true }] });
  });

  it('sums packages but not psys, which already contains them', () => {
    const z = (zone: string, name: string, e: number) => ({ zone, name, energyUj: e, maxEnergyRangeUj: MAX });
    const d = raplDelta([z('intel-rapl:0', 'package-0', 0), z('intel-rapl:1', 'package-1', 0), z('intel-rapl:2', 'psys', 0)],
      [z('intel-rapl:0', 'package-0', 10), z('intel-rapl:1', 'package-1', 20), z('intel-rapl:2', 'psys', 100)]);
    expect(d).toMatchObject({ totalUj: 30, summed: ['intel-rapl:0 (package-0)', 'intel-rapl:1 (package-1)'] });
  });
});

describe('measurePhaseEnergy', () => {
  it('subtracts an idle baseline of equal length, across a wrap-around', async () => {
    const start = MAX - 1_000_000;
    const t = tree([{ zone: 'intel-rapl:0', name: 'package-0', energyUj: start, maxEnergyRangeUj: MAX }]);
    let clock = 0;
    let counter = start;
    const use = (uj: number) => {
      counter = (counter + uj) % MAX;
      t.setEnergy('intel-rapl:0', counter);
    };
    const { result, energy } = await measurePhaseEnergy(
      async () => {
        use(6_000_000); // 6 J while busy, wrapping past MAX
        clock += 2000;
        return 'outputs';
      },
      {
        fs: nodeRaplFs,
        root: t.root,
        now: () => clock,
        sleep: async (ms) => {
          expect(ms).toBe(2000);
          use(1_100_000); // 1.1 J idle over the baseline, which overruns to 2200 ms
          clock += 2200;
        },
      },
    );
    expect(result).toBe('outputs');
    // phase 6 J; idle 1.1 J over 2200 ms scaled to 2000 ms = 1.0 J; attributable 6 − 1 = 5 J
    expect(energy).toMatchObject({ state: 'measured', phaseMs: 2000, baselineMs: 2200, wrapped: true, zones: ['intel-rapl:0 (package-0)'] });
    if (energy.state !== 'measured') throw new Error(energy.reason);
    expect(energy.phaseJ).toBeCloseTo(6, 9);
    expect(energy.baselineJ).toBeCloseTo(1, 9);
    expect(energy.attributableJ).toBeCloseTo(5, 9);
  });

  it('still returns the phase result when RAPL is absent, and says why', async () => {
    const { result, energy } = await measurePhaseEnergy(async () => 42, { fs: nodeRaplFs, root: '/nonexistent/powercap' });
    expect(result).toBe(42);
    expect(energy.state).toBe('absent');
  });
});

describe('permission errors', () => {
  it('maps an EACCES from the read function to "unreadable" with what to do', async () => {
    const denied: RaplFs = {
      readdir: async () => ['intel-rapl:0'],
      readFile: async (p) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
      },
    };
    const s = await readRaplSnapshot(denied, '/sys/class/powercap');
    expect(s.state).toBe('unreadable');
    if (s.state === 'unreadable') expect(s.reason).toMatch(/since Linux 5\.10 energy_uj is readable only by root/);
  });

  it('gets a real EACCES from a root-only energy_uj (mode 0400, as the kernel has it) read by an unprivileged user', async () => {
    const t = tree([{ zone: 'intel-rapl:0', name: 'package-0', energyUj: 123, maxEnergyRangeUj: MAX }]);
    // the tree must be traversable by others; only energy_uj is locked, like the real sysfs file
    for (const d of [t.base, join(t.base, 'class'), t.root]) chmodSync(d, 0o755);
    chmodSync(join(t.base, 'devices'), 0o755);
    chmodSync(join(t.base, 'devices/virtual'), 0o755);
    chmodSync(join(t.base, 'devices/virtual/powercap'), 0o755);
    chmodSync(join(t.base, 'devices/virtual/powercap/intel-rapl'), 0o755);
    chmodSync(join(t.base, 'devices/virtual/powercap/intel-rapl/intel-rapl:0'), 0o755);
    chmodSync(join(t.root, 'intel-rapl:0/energy_uj'), 0o400);

    if (process.getuid?.() !== 0) {
      // not root: the mode alone blocks the read
      expect((await readRaplSnapshot(nodeRaplFs, t.root)).state).toBe('unreadable');
      return;
    }
    // root reads through any mode, so read as `nobody` in a child process, where the kernel refuses.
    // The child runs the reader bundled into the tree's dir: it needs no access to the checkout.
    expect(readFileSync(join(t.root, 'intel-rapl:0/energy_uj'), 'utf8').trim()).toBe('123');
    const here = dirname(fileURLToPath(import.meta.url));
    const entry = join(t.base, 'child-entry.ts');
    writeFileSync(entry, `import { readRaplSnapshot } from ${JSON.stringify(join(here, 'rapl-reader.ts'))};
      import { nodeRaplFs } from ${JSON.stringify(join(here, 'rapl-node.ts'))};
      console.log(JSON.stringify(await readRaplSnapshot(nodeRaplFs, process.argv[2])));`);
    const bundle = join(t.base, 'child.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    chmodSync(bundle, 0o644);
    const child = spawnSync(process.execPath, [bundle, t.root], { uid: 65534, gid: 65534, cwd: '/', env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    const s = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}');
    expect(s.state).toBe('unreadable');
    expect(s.reason).toMatch(/EACCES/);
  });
});

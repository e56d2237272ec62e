/**
 * Linux powercap RAPL counters (`/sys/class/powercap/intel-rapl:*`), read around a cell's timed
 * phase. Pure over an injected file reader so tests can use a fake tree; `rapl-node.ts` binds the
 * real file system. Every failure is a result with a reason, never a throw.
 */
export interface RaplFs {
  readdir(path: string): Promise<string[]>;
  readFile(path: string): Promise<string>;
}

export interface RaplZoneReading {
  /** directory name, e.g. intel-rapl:0 */
  zone: string;
  /** the zone's `name` file: package-0, psys, dram… */
  name: string;
  energyUj: number;
  maxEnergyRangeUj: number;
}

export type RaplSnapshot =
  | { state: 'ok'; zones: RaplZoneReading[] }
  | { state: 'absent' | 'unreadable' | 'error'; reason: string };

export const DEFAULT_POWERCAP_ROOT = '/sys/class/powercap';

/** top-level zones only: sub-zones (intel-rapl:0:0, core/uncore/dram) are parts of their package */
const TOP_ZONE = /^intel-rapl:\d+$/;

function errnoOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function unreadable(path: string, err: unknown): RaplSnapshot {
  const code = errnoOf(err);
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      state: 'unreadable',
      reason: `RAPL counters present but not readable (${code} on ${path}): since Linux 5.10 energy_uj is readable only by root (Platypus, CVE-2020-8694). Run the headless runner as root or grant read access (e.g. a udev rule or chmod o+r on energy_uj).`,
    };
  }
  if (code === 'ENOENT') return { state: 'absent', reason: `RAPL zone file missing: ${path}` };
  return { state: 'error', reason: `reading ${path} failed: ${err instanceof Error ? err.message : String(err)}` };
}

function parseCounter(text: string, path: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `${path} does not hold a counter (got "${t.slice(0, 40)}")`;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : `${path} counter ${t} is beyond exact double precision`;
}

export async function readRaplSnapshot(fs: RaplFs, root: string = DEFAULT_POWERCAP_ROOT): Promise<RaplSnapshot> {
  let entries: string[];
  try {
    entries = await fs.readdir(root);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return { state: 'absent', reason: `no ${root}: not Linux, or no powercap support (RAPL absent)` };
    return unreadable(root, err);
  }
  const zones = entries.filter((e) => TOP_ZONE.test(e)).sort();
  if (zones.length === 0) {
    return { state: 'absent', reason: `no intel-rapl:* zones under ${root}: the CPU or VM exposes no RAPL counters (common in VMs and on ARM)` };
  }
  const readings: RaplZoneReading[] = [];
  for (const zone of zones) {
    const dir = `${root}/${zone}`;
    const files: Record<'name' | 'energy_uj' | 'max_energy_range_uj', string> = { name: '', energy_uj: '', max_energy_range_uj: '' };
    for (const f of Object.keys(files) as (keyof typeof files)[]) {
      try {
        files[f] = await fs.readFile(`${dir}/${f}`);
      } catch (err) {
        return unreadable(`${dir}/${f}`, err);
      }
    }
    const energy = parseCounter(files.energy_uj, `${dir}/energy_uj`);
    const max = parseCounter(files.max_energy_range_uj, `${dir}/max_energy_range_uj`);
    if (typeof energy === 'string') return { state: 'error', reason: energy };
    if (typeof max === 'string') return { state: 'error', reason: max };
    readings.push({ zone, name: files.name.trim(), energyUj: energy, maxEnergyRangeUj: max });
  }
  return { state: 'ok', zones: readings };
}

export interface RaplDelta {
  /** µJ per zone, wrap-around corrected */
  zones: { zone: string; name: string; deltaUj: number; wrapped: boolean }[];
  /** the zones summed: packages when there are any (psys already includes them), else all */
  summed: string[];
  totalUj: number;
}

/** Counter difference; a counter that went down wrapped once at max_energy_range_uj. */
export function raplDelta(before: RaplZoneReading[], after: RaplZoneReading[]): RaplDelta | string {
  const zones: RaplDelta['zones'] = [];
  for (const b of before) {
    const a = after.find((x) => x.zone === b.zone);
    if (!a) return `zone ${b.zone} disappeared between readings`;
    const wrapped = a.energyUj < b.energyUj;
    // the counter runs 0..max_energy_range_uj and restarts at 0
    const deltaUj = wrapped ? a.maxEnergyRangeUj - b.energyUj + a.energyUj : a.energyUj - b.energyUj;
    zones.push({ zone: b.zone, name: b.name, deltaUj, wrapped });
  }
  const packages = zones.filter((z) => z.name.startsWith('package'));
  const counted = packages.length ? packages : zones;
  return { zones, summed: counted.map((z) => `${z.zone} (${z.name})`), totalUj: counted.reduce((s, z) => s + z.deltaUj, 0) };
}

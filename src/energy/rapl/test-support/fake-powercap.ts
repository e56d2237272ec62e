import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeZone {
  zone: string;
  name: string;
  energyUj: number;
  maxEnergyRangeUj: number;
  subzones?: { zone: string; name: string; energyUj: number }[];
}

/**
 * A powercap tree in the kernel's layout: zones live under devices/virtual/powercap/intel-rapl/
 * and /sys/class/powercap holds symlinks to them (sub-zones too), next to the control-type dir.
 * Returns the class root to pass to the reader.
 */
export function makeFakePowercap(zones: FakeZone[]): { root: string; base: string; setEnergy(zone: string, uj: number): void } {
  const base = mkdtempSync(join(tmpdir(), 'edgewatt-powercap-'));
  const devices = join(base, 'devices/virtual/powercap/intel-rapl');
  const root = join(base, 'class/powercap');
  mkdirSync(devices, { recursive: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(devices, 'enabled'), '1\n');
  symlinkSync(devices, join(root, 'intel-rapl'));
  const write = (dir: string, name: string, energy: number, max: number) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'name'), `${name}\n`);
    writeFileSync(join(dir, 'energy_uj'), `${energy}\n`);
    writeFileSync(join(dir, 'max_energy_range_uj'), `${max}\n`);
    writeFileSync(join(dir, 'enabled'), '1\n');
  };
  for (const z of zones) {
    const dir = join(devices, z.zone);
    write(dir, z.name, z.energyUj, z.maxEnergyRangeUj);
    symlinkSync(dir, join(root, z.zone));
    for (const s of z.subzones ?? []) {
      write(join(dir, s.zone), s.name, s.energyUj, z.maxEnergyRangeUj);
      symlinkSync(join(dir, s.zone), join(root, s.zone));
    }
  }
  return {
    root,
    base,
    setEnergy(zone, uj) {
      writeFileSync(join(root, zone, 'energy_uj'), `${uj}\n`);
    },
  };
}

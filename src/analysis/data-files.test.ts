import { describe, expect, it } from 'vitest';
import cloudFile from '../data/cloud-reference.json';
import sampleFile from '../data/device-distribution-sample.json';
import { estimateSchema } from '../core/estimate.js';
import { defaultCloudReference } from './cloud-defaults.js';
import { sampleDeviceDistribution } from './device-sample.js';

function citedIds(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => citedIds(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'sources' && Array.isArray(v) && v.every((x) => typeof x === 'string')) v.forEach((id) => out.add(id as string));
      else if (k !== 'sources') citedIds(v, out);
    }
  }
  return out;
}

describe('bundled analysis data', () => {
  it.each([
    ['cloud-reference.json', cloudFile],
    ['device-distribution-sample.json', sampleFile],
  ])('%s cites only sources in its table and lists no unused source', (_name, file) => {
    const table = new Set((file.sources as { id: string }[]).map((s) => s.id));
    const cited = citedIds(file);
    expect([...cited].filter((id) => !table.has(id))).toEqual([]);
    expect([...table].filter((id) => !cited.has(id))).toEqual([]);
  });

  it('gives every cloud default as a valid estimate with a note and a source', () => {
    const ref = defaultCloudReference();
    for (const [key, e] of Object.entries(ref)) {
      expect(estimateSchema.safeParse(e).success, key).toBe(true);
      expect(e.sources.length, key).toBeGreaterThan(0);
      expect(e.reasons[0]?.length, key).toBeGreaterThan(20);
    }
    // editing one copy does not change the defaults
    ref.pue.value = 99;
    expect(defaultCloudReference().pue.value).not.toBe(99);
  });

  it('marks the sample’s illustrative latencies as assumed', () => {
    const s = sampleDeviceDistribution();
    for (const d of s.devices) expect(d.relativeLatency?.method).toBe('assumed');
  });
});

import { describe, expect, it } from 'vitest';
import { aggregateClassGroup, type GroupResultRow } from './group-aggregate.js';

const row = (submission: string, device: string, network: string, latency: number): GroupResultRow => ({
  submission_id: submission,
  device_id: device,
  network_key: network,
  latency_median_ms: latency,
});

describe('aggregateClassGroup', () => {
  it('counts rows stored before network keys as one network per submission', () => {
    const agg = aggregateClassGroup([row('s1', 'd1', '', 10), row('s2', 'd1', '', 12), row('s3', 'd1', '', 30)]);
    expect(agg.deviceRows.get('d1')).toMatchObject({ n: 3, networks: 3, outlier: false });
    expect(agg.deviceRows.get('d1')!.latency!.median).toBe(12);
  });

  it('flags a device over 10× from the median over networks only once three networks measured the cell', () => {
    const two = aggregateClassGroup([row('a', 'real', 'n1', 20), row('b', 'fake', 'n2', 0.001)]);
    expect(two.deviceRows.get('fake')!.outlier).toBe(false);
    const three = aggregateClassGroup([row('a', 'real', 'n1', 20), row('b', 'real2', 'n3', 22), row('c', 'fake', 'n2', 0.001)]);
    expect(three.deviceRows.get('fake')!.outlier).toBe(true);
    expect(three.classRow).toMatchObject({ devices: 2, networks: 2, n: 2 });
    expect(three.classRow.latency!.median).toBe(21);
  });

  it('gives one network’s many devices the weight of one device in the class median', () => {
    const rows = [row('r1', 'd1', 'n1', 20), row('r2', 'd2', 'n2', 21), row('r3', 'd3', 'n3', 22)];
    for (let i = 0; i < 10; i++) rows.push(row(`f${i}`, `fake${i}`, 'evil', 5));
    const agg = aggregateClassGroup(rows);
    expect(agg.classRow.devices).toBe(13);
    // unweighted the median would be 5; the ten fakes weigh one device together
    expect(agg.classRow.latency!.median).toBeGreaterThanOrEqual(20);
  });
});

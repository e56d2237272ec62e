import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../store/result-store.js';
import { jsonWithRows } from './rows-json.js';

function row(overrides: Partial<AggregateRow> = {}): AggregateRow {
  return {
    scope: 'device',
    modelId: 'm</script><script>alert(1)</script>',
    variant: "fp32' OR 1=1 --",
    runtime: 'ort',
    backend: 'wasm',
    deviceClass: 'phone',
    deviceId: '0123456789abcdef',
    deviceLabel: 'Pixel \u2028 "8" \\ é',
    n: 3,
    devices: 1,
    networks: 3,
    provisional: false,
    outlier: false,
    latencyMs: { n: 3, median: 12.5, p25: 11, p75: 14, low: null, high: null, methods: ['measured'] },
    energyJ: { n: 3, median: 0.0375, p25: 0.03, p75: 0.04, low: 0.02, high: 0.06, methods: ['modelled'] },
    carbonGCO2e: null,
    sciGCO2e: null,
    ...overrides,
  };
}

function appServing(rowsOf: () => AggregateRow[]) {
  const app = new Hono();
  const head = { query: { sort: 'energy', limit: 100 }, total: 2, notes: ['a', 'b'], missing: undefined };
  app.get('/plain', (c) => c.json({ ...head, rows: rowsOf() }));
  app.get('/memo', (c) => jsonWithRows(c, head, rowsOf()));
  return app;
}

describe('jsonWithRows', () => {
  it('answers with exactly the bytes and content type of c.json({ ...head, rows }), hostile text included', async () => {
    const rows = [row(), row({ deviceId: null, scope: 'class', deviceLabel: 'phone' })];
    const app = appServing(() => rows);
    const plain = await app.request('/plain');
    const memo = await app.request('/memo');
    expect(memo.headers.get('content-type')).toBe(plain.headers.get('content-type'));
    expect(await memo.text()).toBe(await plain.text());
    expect((await (await app.request('/memo')).json()).rows).toEqual(rows);
  });

  it('serves an empty ranking and a head without fields as valid JSON', async () => {
    const app = new Hono();
    app.get('/empty', (c) => jsonWithRows(c, {}, []));
    expect(await (await app.request('/empty')).json()).toEqual({ rows: [] });
  });

  it('shows a new ranking as soon as the store returns new rows (the text is tied to the rows, not the URL)', async () => {
    let rows = [row({ n: 3 })];
    const app = appServing(() => rows);
    expect((await (await app.request('/memo')).json()).rows[0].n).toBe(3);
    rows = [row({ n: 4 })];
    expect((await (await app.request('/memo')).json()).rows[0].n).toBe(4);
  });
});

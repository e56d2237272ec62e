import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toNewSubmission } from '../leaderboard/submission-intake.js';
import { makeBundle, makeCompletedResult, makeDevice } from '../leaderboard/test-fixtures.js';
import type { ResultStore } from '../store/result-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { createLeaderboardPages } from './leaderboard-pages.js';

let store: ResultStore;
beforeEach(async () => {
  store = await SqliteStore.open(':memory:');
  const laptop = makeDevice({ class: 'laptop', platform: 'Linux', model: null });
  for (let i = 0; i < 3; i++) {
    await store.putSubmission(toNewSubmission(makeBundle({ results: [makeCompletedResult({ seed: i, medianMs: 10 + i })] }), 'now', `net-${i}`));
    await store.putSubmission(
      toNewSubmission(makeBundle({ device: laptop, results: [makeCompletedResult({ seed: i, medianMs: 4 + i, powerW: null })] }), 'now', `net-${i}`),
    );
  }
});
afterEach(async () => {
  await store.close();
});

describe('leaderboard pages', () => {
  it('render the ranking with units, methods and a strict script-free CSP whose style hash matches', async () => {
    const app = createLeaderboardPages({ store });
    const res = await app.request('/?sort=latency');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await res.text();
    expect(page).not.toMatch(/<script/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(page).toContain('11 ms');
    expect(page).toContain('33 mJ'); // 3 W × 11 ms
    expect(page).toContain('modelled, n=3');
    expect(page).toContain('not estimated'); // the laptop rows carry no energy estimate
    // latency sort: the laptop (5 ms) comes first
    expect(page.indexOf('5 ms')).toBeLessThan(page.indexOf('11 ms'));
  });

  it('link to model and device pages that render, and answer unknown ones with a 404 page', async () => {
    const app = createLeaderboardPages({ store, basePath: '/lb' });
    const page = await (await app.request('/')).text();
    const deviceLink = /href="\/lb\/devices\/([0-9a-f]{16})"/.exec(page)?.[1];
    expect(deviceLink).toBeDefined();
    const device = await app.request(`/devices/${deviceLink}`);
    expect(device.status).toBe(200);
    expect(await device.text()).toMatch(/logical cores/);
    expect((await app.request('/models/ppocr-cls')).status).toBe(200);
    const missing = await app.request('/models/unknown-model');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
    expect((await app.request('/devices/zzzz')).status).toBe(404);
  });

  it('hides rows below publicMinN', async () => {
    const page = await (await createLeaderboardPages({ store, publicMinN: 4 }).request('/')).text();
    expect(page).toContain('No rows match yet');
  });

  it('answers a bad filter with a 400 page that says what is wrong', async () => {
    const res = await createLeaderboardPages({ store }).request('/?sort=%3Cscript%3E');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('invalid query parameter sort');
    expect(page).not.toContain('<script>');
  });
});

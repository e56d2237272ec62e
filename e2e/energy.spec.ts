import { expect, type Locator, type Page, test } from '@playwright/test';
import { startIntensityServer } from './fixtures/intensity-server';
import { QUICK_PROTOCOL, openApp, runPlan } from './helpers';

const METHODS = ['measured', 'calibrated', 'modelled', 'assumed'];
/** formatEstimate: "value unit [low–high] method" */
const ESTIMATE_TEXT = /^(\S+) (\S+) \[(\S+)–(\S+)\] (measured|calibrated|modelled|assumed)$/;

function expectEstimateText(text: string, where: string): void {
  const m = ESTIMATE_TEXT.exec(text.trim());
  expect(m, `${where}: "${text}" lacks a unit, range or method`).not.toBeNull();
  const [, value, , low, high] = m as RegExpExecArray;
  for (const n of [value, low, high]) expect(Number.isFinite(Number(n)), `${where}: "${n}" is not a number`).toBe(true);
  expect(Number(low) <= Number(value) && Number(value) <= Number(high), `${where}: ${low} ≤ ${value} ≤ ${high}`).toBe(true);
}

async function expectAllEstimateTexts(list: Locator, where: string): Promise<number> {
  const texts = await list.allTextContents();
  for (const [i, t] of texts.entries()) expectEstimateText(t, `${where} #${i}`);
  return texts.length;
}

async function openEnergyView(page: Page): Promise<void> {
  await page.locator('#nav a[href="#energy"]').click();
  await page.locator('#energy-profile').scrollIntoViewIfNeeded();
}

const CELL = { modelId: 'mlp-s', variant: 'fp32', runtime: 'ort', backend: 'wasm' } as const;

// a fixed time zone: the default location is guessed from it
test.use({ timezoneId: 'Europe/Berlin' });

test('headless Chromium: the Energy & carbon view says "no battery", shows the matched profile and refuses a bad profile edit', async ({ page }) => {
  await openApp(page);
  // the real Battery Status API of headless Chromium: its placeholder battery
  const battery = await page.evaluate(async () => {
    const b = await (navigator as Navigator & { getBattery(): Promise<{ charging: boolean; level: number }> }).getBattery();
    return { charging: b.charging, level: b.level };
  });
  expect(battery).toEqual({ charging: true, level: 1 });
  await openEnergyView(page);
  await expect(page.locator('#battery-status')).toHaveAttribute('data-state', 'no-battery');
  await expect(page.locator('#battery-status')).toContainText(/no battery/i);
  await expect(page.locator('#battery-start')).toHaveCount(0);

  // the location default is a time-zone guess, labelled so, never IP
  await expect(page.locator('#energy-location-origin')).toContainText('Guessed: Germany (DEU)');
  await expect(page.locator('#energy-location-origin')).toContainText('time zone Europe/Berlin');
  await expect(page.locator('#energy-location-origin')).toContainText('Never from your IP address');

  const used = page.locator('#profile-used');
  await expect(used).toHaveAttribute('data-confidence', /device|parts|class|unknown/);
  const matchedId = await used.getAttribute('data-profile-id');
  expect(await expectAllEstimateTexts(page.locator('#profile-figures [data-estimate-text]'), 'profile figure')).toBeGreaterThanOrEqual(5);

  // a bad edit is refused with a clear reason and changes nothing
  await page.locator('#profile-editor summary').click();
  const json = JSON.parse(await page.locator('#profile-json').inputValue()) as { idleW: { low: number; high: number } };
  json.idleW.low = json.idleW.high + 10;
  await page.locator('#profile-json').fill(JSON.stringify(json));
  await page.locator('#profile-json-save').click();
  await expect(page.locator('#profile-json-error')).toContainText(/profile not usable: idleW.*nothing changed/);
  await expect(used).toHaveAttribute('data-profile-id', matchedId ?? '');
  await page.locator('#profile-json').fill('{"id": ');
  await page.locator('#profile-json-save').click();
  await expect(page.locator('#profile-json-error')).toContainText(/Not valid JSON.*nothing changed/);

  // a pick is used (and kept for later runs)
  await page.locator('#profile-choice').selectOption('class:phone');
  await expect(used).toHaveAttribute('data-profile-id', 'class:phone');
  await expect(used).toHaveAttribute('data-confidence', 'user');
});

test('after a quick run no estimate in the results table or the cell detail is shown without unit, method and range', async ({ page }) => {
  await openApp(page);
  const { results } = await runPlan(page, { cells: [CELL], protocol: QUICK_PROTOCOL });
  expect(results[0]?.state).toBe('completed');

  const row = page.locator('tr[data-cell="mlp-s/ort/wasm"]');
  await expect(row).toHaveAttribute('data-state', 'completed');
  const tableCells = page.locator('#results-grid td[data-estimate]');
  await expect(tableCells).toHaveCount(4);
  await expectAllEstimateTexts(tableCells, 'results table');
  for (const title of await tableCells.evaluateAll((tds) => tds.map((td) => td.getAttribute('title') ?? ''))) expect(title).toMatch(/Source: /);

  // keyboard: the model name is a button that opens the detail
  await row.locator('button.row-open').focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('dialog#cell-detail');
  await expect(dialog).toBeVisible();
  const rows = dialog.locator('#cell-detail-estimates tr[data-estimate]');
  await expect(rows).toHaveCount(10);
  await expect(dialog.locator('#cell-detail-estimates tr[data-missing]')).toHaveCount(0);
  for (const r of await rows.all()) {
    const part = async (p: string) => (await r.locator(`[data-part="${p}"]`).textContent())?.trim() ?? '';
    const key = await r.getAttribute('data-estimate');
    const [value, low, high, unit, method] = await Promise.all(['value', 'low', 'high', 'unit', 'method'].map(part));
    expect(unit, `${key} unit`).not.toBe('');
    expect(METHODS, `${key} method`).toContain(method);
    expect(Number(low) <= Number(value) && Number(value) <= Number(high), `${key}: ${low} ≤ ${value} ≤ ${high}`).toBe(true);
    expect(await part('sources'), `${key} sources`).not.toBe('—');
  }
  await expect(dialog.locator('#cell-detail-basis')).toContainText('power-profiles@');
  await expect(dialog.locator('#cell-detail-basis')).toContainText('static-yearly');

  // by region: a country table whose every figure has unit, range and method; by hour: no series without live data, and it says so
  await expect(dialog.locator('#cell-detail-regions tbody tr')).toHaveCount(14, { timeout: 10_000 });
  expect(await expectAllEstimateTexts(dialog.locator('#cell-detail-regions [data-estimate-text]'), 'region table')).toBe(28);
  await expect(dialog.locator('#cell-detail-hours')).toHaveAttribute('data-state', 'none');
  await expect(dialog.locator('#cell-detail-hours')).toContainText('No live or forecast series');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row.locator('button.row-open')).toBeFocused();
});

test('live grid intensity against the local fixture server: ok shows the live source, malformed falls back with the reason', async ({ page }) => {
  const server = await startIntensityServer();
  try {
    await openApp(page);
    await openEnergyView(page);
    const status = page.locator('#intensity-status');
    const setAddresses = async (mode: string) => {
      await page.locator('#energy-location details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await page.locator('#energy-live-uk').fill(`${server.url}/${mode}`);
      await page.locator('#energy-live-dk').fill(`${server.url}/${mode}`);
      await page.locator('#energy-live-save').click();
    };

    await page.locator('#energy-country').selectOption('GBR');
    await expect(status).toHaveAttribute('data-source-id', 'static-yearly');
    await expect(page.locator('#intensity-live')).toContainText('Live data is off');
    await setAddresses('ok');
    await page.locator('#energy-live').check();
    await expect(status).toHaveAttribute('data-source-id', 'uk-carbon-intensity');
    await expect(status).toHaveAttribute('data-state', 'ok');
    await expect(status).toContainText('UK Carbon Intensity (live)');
    expectEstimateText((await page.locator('#intensity-figure').textContent()) ?? '', 'UK live intensity');
    expect(server.requests.some((r) => r.startsWith('/ok/intensity/'))).toBe(true);

    await page.locator('#energy-country').selectOption('DNK');
    await page.locator('#energy-zone').selectOption('DK1');
    await expect(status).toHaveAttribute('data-source-id', 'energi-data-service');
    await expect(status).toHaveAttribute('data-state', 'ok');
    await expect.poll(() => server.requests.some((r) => r.startsWith('/ok/dataset/CO2Emis') && decodeURIComponent(r).includes('"DK1"]'))).toBe(true);

    await page.locator('#energy-country').selectOption('GBR');
    await setAddresses('malformed');
    await expect(status).toHaveAttribute('data-state', 'fallback');
    await expect(page.locator('#intensity-reason')).toContainText('malformed response');
    await expect(page.locator('#intensity-reason')).toContainText('Yearly average');
    expectEstimateText((await page.locator('#intensity-figure').textContent()) ?? '', 'fallback intensity');

    // a run with the live source: its records say so, and the detail shows the same inference by hour
    await setAddresses('ok');
    await expect(status).toHaveAttribute('data-state', 'ok');
    const { results } = await runPlan(page, { cells: [CELL], protocol: QUICK_PROTOCOL });
    const r = results[0];
    expect(r?.state === 'completed' && r.estimation?.intensity).toMatchObject({ sourceId: 'uk-carbon-intensity', state: 'ok' });
    await page.locator('tr[data-cell="mlp-s/ort/wasm"] button.row-open').click();
    const hours = page.locator('#cell-detail-hours');
    await expect(hours).toHaveAttribute('data-state', 'series');
    await expect(hours.locator('tbody tr')).toHaveCount(96);
    expect(await expectAllEstimateTexts(hours.locator('[data-estimate-text]'), 'hour table')).toBe(192);
  } finally {
    await server.close();
  }
});

test('a guided battery calibration (scripted battery, real inference load) is stored as calibrated and used by the next run', async ({ page }) => {
  // A discharging battery whose 1 % steps come every 200 ms for the first 8 s after the
  // calibration starts listening (the load phase), then every 400 ms (idle). With a 0.01 Wh
  // battery a step is 0.36 J: 1.8 W under load, 0.9 W idle, so 0.9 W attributable.
  await page.addInitScript(() => {
    class ScriptedBattery extends EventTarget {
      charging = false;
      chargingTime = Number.POSITIVE_INFINITY;
      dischargingTime = 3600;
      level = 0.95;
      private started = false;
      override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
        super.addEventListener(type, listener, options);
        if (type !== 'levelchange' || this.started) return;
        this.started = true;
        const t0 = performance.now();
        const step = () => {
          this.level = Math.round((this.level - 0.01) * 100) / 100;
          this.dispatchEvent(new Event('levelchange'));
          if (this.level > 0.05) setTimeout(step, performance.now() - t0 < 8000 ? 200 : 400);
        };
        setTimeout(step, 200);
      }
    }
    const battery = new ScriptedBattery();
    Object.defineProperty(navigator, 'getBattery', { value: async () => battery, configurable: true });
  });
  await openApp(page);
  await openEnergyView(page);
  await expect(page.locator('#battery-status')).toHaveAttribute('data-state', 'available');
  await expect(page.locator('#profile-used')).toHaveAttribute('data-profile-id', /.+/);
  await page.locator('#battery-capacity').fill('0.01');
  await page.locator('#battery-capacity-low').fill('0.01');
  await page.locator('#battery-capacity-high').fill('0.01');
  await page.locator('#battery-model').selectOption('mlp-s');
  await page.locator('#battery-cell').selectOption('ort/wasm');
  await page.locator('#battery-load-min').fill(String(8 / 60));
  await page.locator('#battery-idle-min').fill(String(4 / 60));
  await page.locator('#battery-start').click();
  await expect(page.locator('#battery-progress')).toContainText('Load phase');
  await expect(page.locator('#battery-result')).toContainText('Stored for', { timeout: 60_000 });
  const attributable = (await page.locator('#battery-result [data-estimate-text]').first().textContent()) ?? '';
  expectEstimateText(attributable, 'calibrated attributable power');
  expect(attributable).toMatch(/ W \[.*\] calibrated$/);
  await expect(page.locator('#calibrations tr[data-calibration]')).toHaveCount(1);

  const { results } = await runPlan(page, { cells: [CELL], protocol: QUICK_PROTOCOL });
  const r = results[0];
  expect(r?.state).toBe('completed');
  if (r?.state !== 'completed') return;
  expect(r.estimates?.energyAttributableJ?.method).toBe('calibrated');
  expect(r.estimation?.notes.join(' ')).not.toMatch(/calibration not used/);
  await expect(page.locator('tr[data-cell="mlp-s/ort/wasm"] td[data-estimate="energyAttributableJ"]')).toHaveText(/ J \[.*\] calibrated$/);
});

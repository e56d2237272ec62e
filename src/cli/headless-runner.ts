import { chromium, type Browser, type Page } from 'playwright-core';
import type { AutomationPlan } from '../app/automation-api.js';
import type { CellSpec } from '../core/cell.js';
import type { Environment } from '../core/environment.js';
import type { ResultRecord } from '../core/result-schema.js';
import type { CellProgress } from '../core/worker-protocol.js';
import { UsageError } from '../bench/exit-codes.js';
import { ensureChromium, QUIET_ARGS, WEBGPU_ARG } from './find-chromium.js';

export interface HeadlessOptions {
  url: string;
  webgpu?: boolean;
  onResult?: (record: ResultRecord, index: number, total: number) => void | Promise<void>;
  onProgress?: (cell: CellSpec, progress: CellProgress) => void;
  onConsole?: (line: string) => void;
}

export async function launchChromium(webgpu = true): Promise<Browser> {
  const executablePath = ensureChromium();
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...QUIET_ARGS, ...(webgpu ? [WEBGPU_ARG] : [])] });
  } catch (err) {
    // the browser, not edgewatt: a setup error the user can act on
    throw new UsageError(`Chromium at ${executablePath} did not start: ${(err as Error).message.split('\n')[0]}`, 'check that this Chromium runs (`chromium --headless --version`), or set CHROMIUM_PATH to another binary', { cause: err });
  }
}

export async function openApp(browser: Browser, opts: HeadlessOptions): Promise<Page> {
  const page = await browser.newPage();
  if (opts.onConsole) page.on('console', (m) => opts.onConsole!(`[${m.type()}] ${m.text()}`));
  await page.exposeFunction('__edgewattOnResult', async (r: ResultRecord, i: number, n: number) => opts.onResult?.(r, i, n));
  await page.exposeFunction('__edgewattOnProgress', (c: CellSpec, p: CellProgress) => opts.onProgress?.(c, p));
  await page.goto(opts.url);
  await page.waitForFunction(() => window.edgewatt?.ready === true, undefined, { timeout: 60_000 });
  return page;
}

/** Runs a plan in a page already open on the app; records also stream out through onResult. */
export async function runInPage(page: Page, plan: AutomationPlan): Promise<{ environment: Environment; results: ResultRecord[] }> {
  return page.evaluate((p) => window.edgewatt!.run(p), plan);
}

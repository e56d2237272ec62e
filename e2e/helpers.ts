import type { Page } from '@playwright/test';
import type { AutomationPlan } from '../src/app/automation-api';
import type { Environment } from '../src/core/environment';
import type { ResultRecord } from '../src/core/result-schema';

export async function openApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.edgewatt?.ready === true, undefined, { timeout: 60_000 });
}

export async function runPlan(page: Page, plan: AutomationPlan): Promise<{ environment: Environment; results: ResultRecord[] }> {
  return page.evaluate((p) => window.edgewatt!.run(p), plan);
}

/** Small budgets: the e2e tests check behaviour, the benchmarks measure speed. */
export const QUICK_PROTOCOL = { samplesMin: 50, budgetMs: 100, warmupMax: 10, timeoutMs: 120_000 } as const;

/** Phone-sized and laptop-sized, with touch where a phone has it: the app must work on both. */
export const VIEWPORTS = [
  { name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
  { name: 'laptop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
] as const;

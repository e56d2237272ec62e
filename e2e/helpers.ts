import type { Page } from '@playwright/test';
import type { AutomationPlan } from '../src/app/automation-api';
import type { Environment } from '../src/core/environment';
import type { ResultRecord } from '../src/core/result-schema';

export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => window.edgewatt?.ready === true, undefined, { timeout: 60_000 });
}

export async function runPlan(page: Page, plan: AutomationPlan): Promise<{ environment: Environment; results: ResultRecord[] }> {
  return page.evaluate((p) => window.edgewatt!.run(p), plan);
}

/** Small budgets: the e2e tests check behaviour, the benchmarks measure speed. */
export const QUICK_PROTOCOL = { samplesMin: 50, budgetMs: 100, warmupMax: 10, timeoutMs: 120_000 } as const;

import fs from 'node:fs';
import path from 'node:path';
import type { SuitePlan } from '../run/plan-suite.js';
import type { ResultRecord } from '../core/result-schema.js';
import { createApp } from '../server/create-app.js';
import { PROJECT_ROOT, USER_MODELS_URL_PREFIX } from '../server/models-dir.js';
import { ensureRunFiles } from './ensure-run-files.js';
import { launchChromium, openApp, runInPage } from './headless-runner.js';
import { createEstimator, type Estimator } from '../client/estimation-stage.js';
import { RaplCellMeter } from './rapl-cell-meter.js';
import { ResultFileSink } from './result-file-sink.js';
import { listen } from './serve.js';

export interface BenchRun {
  plan: SuitePlan;
  outDir: string;
  webgpu?: boolean;
  /** progress and results: one line per cell */
  log?: (line: string) => void;
  /** build and setup details (quiet unless --verbose) */
  detail?: (line: string) => void;
  /** records made before the browser starts (a variant the forge refused), written with the rest */
  preRecords?: readonly ResultRecord[];
  /** where the plan's file models are (served to the page at /user-models/) */
  userModelsDir?: string;
}

export function toolVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Serves the built app on a free loopback port and runs the planned cells in headless Chromium,
 * one fresh worker per cell. results.json is rewritten after every cell; on Ctrl-C, a crashed
 * browser or the suite's time limit, the cells left are listed as not run with the reason.
 */
export async function runBench(run: BenchRun): Promise<ResultFileSink> {
  const log = run.log ?? ((l: string) => console.log(l));
  const detail = run.detail ?? (() => undefined);
  // zoo suites: a checkout builds what is stale, an installed package says the zoo needs a checkout; model files need only the app
  await ensureRunFiles({ zoo: run.plan.zooModels.length > 0, log: detail });
  const server = await listen(createApp({ ...(run.userModelsDir ? { userModelsDir: run.userModelsDir } : {}) }), 0);
  const browser = await launchChromium(run.webgpu ?? true);
  let sink: ResultFileSink | undefined;
  let stopReason: string | undefined;
  const stop = (reason: string) => {
    stopReason ??= reason;
    void browser.close();
  };
  const onSigint = () => stop('not run: the run was interrupted (Ctrl-C)');
  const onSigterm = () => stop('not run: the run was terminated (SIGTERM)');
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  browser.on('disconnected', () => stop('not run: the browser closed or crashed during the run'));
  const suiteMs = run.plan.suite.timeouts.suiteMs;
  const deadline = suiteMs ? setTimeout(() => stop(`not run: the suite's time limit (${Math.round(suiteMs / 1000)} s) was reached`), suiteMs) : undefined;
  const started = Date.now();
  try {
    const cells = run.plan.cells.map((c) => c.cell);
    const pre = run.preRecords ?? [];
    const protocol = { ...run.plan.protocol, timeoutMs: Math.min(run.plan.protocol.timeoutMs, run.plan.suite.timeouts.cellMs) };
    // cells run one after another; a 'probe' event opens the next one
    let cellIndex = -1;
    const meter = new RaplCellMeter();
    let estimator: Estimator | undefined;
    const total = cells.length + pre.length;
    const page = await openApp(browser, {
      url: server.url,
      onProgress: (_cell, p) => {
        if (p.phase === 'probe') cellIndex += 1;
        else if (p.phase === 'steady' && p.done === 0) void meter.steadyStarted(String(cellIndex));
        else if (p.phase === 'fidelity') void meter.steadyEnded(String(cellIndex));
      },
      onResult: (measured, i) => {
        // Node re-estimates with what only it can read (RAPL); without RAPL the figures stay modelled and say why
        const record = estimator ? estimator(measured, { rapl: meter.measurementFor(String(i)) }) : measured;
        sink?.add(record);
        const done = pre.length + i + 1;
        const elapsed = (Date.now() - started) / 1000;
        const eta = Math.round((elapsed / (i + 1)) * (cells.length - i - 1));
        log(`[${done}/${total}] ${describeRecord(record)}  (elapsed ${elapsed.toFixed(0)} s, ETA ${eta} s)`);
      },
    });
    const environment = await page.evaluate(() => window.edgewatt!.environment());
    const rapl = await meter.calibrateIdle();
    detail(rapl ? `energy: RAPL ${rapl.state} — ${'reason' in rapl ? rapl.reason : ''}; energy stays modelled` : 'energy: RAPL counters readable; steady-phase package energy will be measured');
    ({ estimator } = await createEstimator(environment, {}));
    sink = new ResultFileSink(run.outDir, { suite: run.plan.suite.name, protocol, environment, planned: [...pre.map((r) => r.cell), ...cells], toolVersion: toolVersion() });
    log(`edgewatt bench: ${run.plan.suite.name}, ${total} cell(s) → ${path.relative(process.cwd(), sink.file) || sink.file}`);
    for (const line of new Set(run.plan.unsupported.map((u) => `  not planned: ${u.cell.modelId} on ${u.cell.runtime}/${u.cell.backend} — ${u.reason}`))) log(line);
    pre.forEach((r, i) => {
      sink!.add(r);
      log(`[${i + 1}/${total}] ${describeRecord(r)}`);
    });
    await runInPage(page, { cells, protocol, ...(run.plan.fileModels.length > 0 ? { models: run.plan.fileModels.map(pageModel), modelsBaseUrl: USER_MODELS_URL_PREFIX } : {}) });
    sink.finish();
    return sink;
  } catch (err) {
    if (sink) {
      sink.finish(stopReason ?? `not run: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      return sink;
    }
    throw err;
  } finally {
    clearTimeout(deadline);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

/** What the page needs of a file model: no paths of this machine, no accounting. */
function pageModel(m: SuitePlan['fileModels'][number]) {
  const { absOnnx: _abs, accounting: _acc, ...rest } = m;
  return rest;
}

function describeRecord(record: ResultRecord): string {
  const c = record.cell;
  const what = `${c.modelName === c.modelId ? c.modelId : c.modelName} ${c.variant === 'fp32' || c.modelName.includes(c.variant) ? '' : `${c.variant} `}${c.runtime}/${c.backend}`;
  const detail = record.state === 'completed' ? `median ${record.phases.steady.stats.medianMs.toPrecision(3)} ms` : record.state === 'errored' ? record.error.message : record.reason;
  return `${what}: ${record.state} — ${detail.split('\n')[0]}`;
}

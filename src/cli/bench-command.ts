import fs from 'node:fs';
import path from 'node:path';
import type { CellSpec } from '../core/cell.js';
import { isSupportedCell, protocolSchema } from '../core/cell.js';
import type { Suite } from '../bench/suite-schema.js';
import { ensureModels } from '../modelgen/ensure-models.js';
import { createApp } from '../server/create-app.js';
import { PROJECT_ROOT } from '../server/models-dir.js';
import { ensureBuild } from './ensure-build.js';
import { launchChromium, openApp, runInPage } from './headless-runner.js';
import { ResultFileSink } from './result-file-sink.js';
import { listen } from './serve.js';

export interface BenchRun {
  suite: Suite;
  outDir: string;
  webgpu?: boolean;
  log?: (line: string) => void;
}

export function cellsOfSuite(suite: Suite): CellSpec[] {
  const cells: CellSpec[] = [];
  for (let rep = 0; rep < suite.repetitions; rep++)
    for (const modelId of suite.models)
      for (const variant of suite.variants)
        for (const runtime of suite.runtimes)
          for (const backend of suite.backends) if (isSupportedCell(runtime, backend)) cells.push({ modelId, variant, runtime, backend });
  return cells;
}

function toolVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Serves the built app on a free loopback port and runs the suite in headless Chromium. */
export async function runBench(run: BenchRun): Promise<ResultFileSink> {
  const log = run.log ?? ((l: string) => console.log(l));
  await ensureModels({ log });
  await ensureBuild({ log });
  const server = await listen(createApp(), 0);
  const browser = await launchChromium(run.webgpu ?? true);
  let sink: ResultFileSink | undefined;
  const started = Date.now();
  let interrupted: string | undefined;
  const onSignal = () => {
    interrupted = 'not run: the run was interrupted (signal)';
    sink?.finish(interrupted);
    void browser.close();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const cells = cellsOfSuite(run.suite);
    const protocol = protocolSchema.parse(run.suite.protocol);
    const page = await openApp(browser, {
      url: server.url,
      onResult: (record, i, n) => {
        sink?.add(record);
        const elapsed = (Date.now() - started) / 1000;
        const eta = ((elapsed / (i + 1)) * (n - i - 1)).toFixed(0);
        log(`[${i + 1}/${n}] ${record.cell.modelId} ${record.cell.runtime}/${record.cell.backend}: ${record.state}  (elapsed ${elapsed.toFixed(0)} s, ETA ${eta} s)`);
      },
    });
    const environment = await page.evaluate(() => window.edgewatt!.environment());
    const file = path.join(run.outDir, `${new Date().toISOString().replaceAll(':', '-')}.json`);
    sink = new ResultFileSink(file, { suite: run.suite.name, protocol, environment, planned: cells, toolVersion: toolVersion() });
    log(`edgewatt bench: suite ${run.suite.name}, ${cells.length} cells, results → ${path.relative(process.cwd(), file)}`);
    await runInPage(page, { cells, protocol });
    sink.finish();
    return sink;
  } catch (err) {
    if (sink) {
      sink.finish(interrupted ?? `not run: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      return sink;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

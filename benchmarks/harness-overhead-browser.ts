/**
 * Harness overhead in the real setting: onnxruntime-web WASM in a Web Worker in Chromium, on the
 * smallest generated model. Compares the full measurement loop with a bare loop of the same
 * session.run + read-back call in the same worker (alternating rounds).
 *
 *   npx tsx benchmarks/harness-overhead-browser.ts [--model mlp-s] [--budget-ms 2000]
 *
 * Target (issue 2): overhead ≤ 2 % of the median or ≤ 20 µs.
 */
import { parseArgs } from 'node:util';
import { launchChromium, openApp } from '../src/cli/headless-runner.js';
import { ensureBuild } from '../src/cli/ensure-build.js';
import { listen } from '../src/cli/serve.js';
import { ensureModels } from '../src/modelgen/ensure-models.js';
import { createApp } from '../src/server/create-app.js';

const { values } = parseArgs({ options: { model: { type: 'string', default: 'mlp-s' }, 'budget-ms': { type: 'string', default: '2000' }, backend: { type: 'string', default: 'wasm' } } });
await ensureModels({ log: () => undefined });
await ensureBuild();
const server = await listen(createApp(), 0);
const browser = await launchChromium(true);
try {
  const page = await openApp(browser, { url: server.url });
  const cell = { modelId: values.model!, variant: 'fp32', runtime: 'ort' as const, backend: values.backend as 'wasm' };
  const r = await page.evaluate(([c, budget]) => window.edgewatt!.harnessOverhead(c, { budgetMs: budget, samplesMin: 200, warmupMax: 50 }), [cell, Number(values['budget-ms'])] as const);
  const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`;
  console.log(`harness overhead — ${cell.modelId} on onnxruntime-web ${cell.backend}, Chromium worker, ${r.rounds} alternating rounds × n=${r.n} (runs/sample ${r.runsPerSample})`);
  console.log(`  bare loop median     ${us(r.bareMedianMs)}`);
  console.log(`  harness median       ${us(r.harnessMedianMs)}`);
  console.log(`  overhead on median   ${us(r.overheadMs)} (${r.overheadPct.toFixed(2)} % of the bare median)`);
  console.log(`  untimed gap/sample   harness ${us(r.harnessGapMs)}, bare ${us(r.bareGapMs)} (Δ ${us(r.gapOverheadMs)})`);
  const ok = Math.abs(r.overheadPct) <= 2 || Math.abs(r.overheadMs) <= 0.02;
  console.log(`  target ≤ 2 % or ≤ 20 µs: ${ok ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  await server.close();
}

import fs from 'node:fs';
import { launchChromium, openApp } from '../src/cli/headless-runner.js';
import { ensureBuild } from '../src/cli/ensure-build.js';
import { listen } from '../src/cli/serve.js';
import { createApp } from '../src/server/create-app.js';
await ensureBuild();
const server = await listen(createApp(), 0);
const browser = await launchChromium(false);
try {
  const page = await openApp(browser, { url: server.url });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.locator('#forge-file').setInputFiles({ name: 'cnn-s.onnx', mimeType: 'application/octet-stream', buffer: fs.readFileSync('models/build/cnn-s/model.onnx') });
  await page.locator('#forge-status').filter({ hasText: 'Opened' }).waitFor();
  await page.locator('#forge-run').click();
  await page.locator('#forge-status').filter({ hasText: 'Made' }).waitFor();
  await page.locator('#forge').screenshot({ path: '/tmp/forge-shot/forge.png' });
} finally {
  await browser.close();
  await server.close();
}

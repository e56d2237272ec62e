import { expect, test, type Page } from '@playwright/test';
import { encodeModel } from '../src/onnx/codec';
import { GraphBuilder, makeModel } from '../src/onnx/graph-builder';
import { DataType } from '../src/onnx/proto';
import { float32Tensor } from '../src/onnx/tensor';
import { openApp } from './helpers';

/**
 * A mel-like model (power, filterbank MatMul, LayerNormalization; see src/forge/forge-inputs.test.ts
 * for why the LayerNormalization) whose fp16 variant is all NaN on audio-range input.
 */
function melModel(): Buffer {
  const g = new GraphBuilder('mel');
  g.addInput('x', DataType.FLOAT, ['batch', 16]);
  g.addInitializer(float32Tensor('W', [16, 4], Float32Array.from({ length: 64 }, (_, i) => 0.1 + ((i * 7) % 11) / 10)));
  g.addInitializer(float32Tensor('scale', [4], Float32Array.of(1, 0.5, 2, 1)));
  g.addInitializer(float32Tensor('bias', [4], Float32Array.of(0, 0.1, -0.1, 0.2)));
  g.addNode({ opType: 'Mul', inputs: ['x', 'x'], outputs: ['sq'] });
  g.addNode({ opType: 'MatMul', inputs: ['sq', 'W'], outputs: ['h'] });
  g.addNode({ opType: 'LayerNormalization', inputs: ['h', 'scale', 'bias'], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, ['batch', 4]);
  return Buffer.from(encodeModel(makeModel(g.toGraph(), { producerName: 'e2e' })));
}

async function forgeAndProfile(page: Page, range: string): Promise<void> {
  await page.locator('#forge-file').setInputFiles({ name: 'mel.onnx', mimeType: 'application/octet-stream', buffer: melModel() });
  await expect(page.locator('#forge-status')).toContainText('Opened mel.onnx', { timeout: 60_000 });
  await page.locator('#forge-ranges input[data-input="x"]').fill(range);
  const boxes = page.locator('#forge-variants input[type=checkbox]');
  await expect(boxes).not.toHaveCount(0);
  for (const box of await boxes.all()) await box.setChecked((await box.getAttribute('value')) === 'fp16');
  await page.locator('#forge-run').click();
  await expect(page.locator('#forge-status')).toContainText('Made 1 of 1 variant(s)', { timeout: 120_000 });
  await page.locator('#forge-backend-webgpu').setChecked(false);
  await page.locator('#forge-samples').fill('10');
  await page.locator('#forge-budget').fill('50');
  await page.locator('#forge-profile').click();
  await expect(page.locator('#forge-profile-status')).toHaveAttribute('data-state', 'done', { timeout: 5 * 60_000 });
}

test('a dropped model profiled on the person’s input range: the fp16 cell’s NaN outputs are named in the results table', async ({ page }) => {
  await openApp(page);
  await forgeAndProfile(page, '-32768, 32767');
  const fp16 = page.locator('#results-grid tbody tr[data-variant="fp16"]');
  await expect(fp16).toHaveAttribute('data-state', 'completed');
  await expect(fp16.locator('.non-finite')).toHaveText('✗ NaN outputs');
  await expect(fp16.locator('.non-finite')).toHaveAttribute('title', /NaN in 100 % of output values/);
  // the fp32 model itself is finite on the same inputs, and neither row says "synthetic": the range was the person's
  const fp32 = page.locator('#results-grid tbody tr[data-variant="fp32"]');
  await expect(fp32.locator('.non-finite')).toHaveCount(0);
  await expect(page.locator('#results-grid tbody')).not.toContainText('synthetic inputs');
});

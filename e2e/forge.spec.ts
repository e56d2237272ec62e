import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ints } from '../src/onnx/attributes';
import { encodeModel } from '../src/onnx/codec';
import { GraphBuilder, makeModel } from '../src/onnx/graph-builder';
import { DataType } from '../src/onnx/proto';
import { float32Tensor } from '../src/onnx/tensor';
import { openApp } from './helpers';

const CNN_PATH = new URL('../models/build/cnn-s/model.onnx', import.meta.url);
const MANIFEST_PATH = new URL('../models/build/manifest.json', import.meta.url);

function cnn(): Buffer {
  return fs.readFileSync(CNN_PATH);
}

async function pick(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.locator('#forge-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

async function chooseVariants(page: Page, names: readonly string[]): Promise<void> {
  const boxes = page.locator('#forge-variants input[type=checkbox]');
  await expect(boxes).not.toHaveCount(0);
  for (const box of await boxes.all()) await box.setChecked(names.includes(await box.getAttribute('value') ?? ''));
}

/** Conv → an op from a domain the forge cannot know. */
function customOpModel(): Buffer {
  const g = new GraphBuilder('odd');
  g.addInput('x', DataType.FLOAT, [1, 2, 4, 4]);
  g.addInitializer(float32Tensor('w', [4, 2, 1, 1], new Float32Array(8).fill(0.5)));
  const [c] = g.addNode({ opType: 'Conv', name: 'conv', inputs: ['x', 'w'], outputs: ['c'], attributes: { kernel_shape: ints([1, 1]) } });
  g.addNode({ opType: 'FancyNorm', name: 'fancy', domain: 'com.example', inputs: [c!], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, [1, 4, 4, 4]);
  const m = makeModel(g.toGraph(), { producerName: 'e2e' });
  m.opsetImport.push({ domain: 'com.example', version: 1 });
  return Buffer.from(encodeModel(m));
}

/** x[N, C] → Relu: C is a dynamic dim that is not the batch, so the person must give it. */
function dynamicModel(): Buffer {
  const g = new GraphBuilder('dyn');
  g.addInput('x', DataType.FLOAT, ['N', 'C']);
  g.addNode({ opType: 'Relu', name: 'relu', inputs: ['x'], outputs: ['y'] });
  g.addOutput('y', DataType.FLOAT, ['N', 'C']);
  return Buffer.from(encodeModel(makeModel(g.toGraph(), { producerName: 'e2e' })));
}

interface ResultRow {
  cell: string;
  state: string;
  name: string;
  cosine: string;
  text: string;
}

async function resultRows(page: Page): Promise<ResultRow[]> {
  return page.$$eval('#results-grid', ([table]) => {
    if (!table) return [];
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
    const cos = heads.indexOf('cosine');
    return [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((r) => ({
      cell: r.dataset.cell ?? '',
      state: r.dataset.state ?? '',
      name: r.cells[0]?.textContent ?? '',
      cosine: r.dataset.state === 'completed' ? (r.cells[cos]?.textContent ?? '') : '',
      text: r.textContent ?? '',
    }));
  });
}

test('a person drops their own model, the forge makes variants in a worker, and they are profiled on WASM and WebGPU with fidelity', async ({ page }) => {
  const bytes = cnn();
  const sha = createHash('sha256').update(bytes).digest('hex');
  const manifest = JSON.parse(fs.readFileSync(MANIFEST_PATH, 'utf8')) as { models: { id: string; accounting: { params: number } }[] };
  const params = manifest.models.find((m) => m.id === 'cnn-s')!.accounting.params;
  await openApp(page);

  await pick(page, 'cnn-s.onnx', bytes);
  await expect(page.locator('#forge-status')).toContainText('Opened cnn-s.onnx', { timeout: 60_000 });
  await expect(page.locator('#forge-signature')).toContainText('input input: float32 [1, 32, 32, 3]');
  await chooseVariants(page, ['fp16', 'int8-dynamic', 'prune-50']);
  await page.locator('#forge-run').click();

  const rows = page.locator('#forge-table tbody tr');
  await expect(rows).toHaveCount(4, { timeout: 120_000 });
  await expect(page.locator('#forge-status')).toContainText('Made 3 of 3 variant(s)');
  await expect(page.locator('#forge-error')).toBeHidden();
  const row = (v: string) => page.locator(`#forge-table tr[data-variant="${v}"]`);
  const field = (v: string, f: string) => row(v).locator(`[data-field="${f}"]`);
  for (const v of ['fp32', 'fp16', 'int8-dynamic', 'prune-50']) await expect(row(v)).toHaveAttribute('data-state', 'completed');
  // the accounting of the dropped file is the zoo's for the same file, its hash the file's own
  await expect(field('fp32', 'params')).toHaveText(params.toLocaleString('en-US'));
  await expect(field('fp32', 'sha256')).toHaveText(sha.slice(0, 12));
  await expect(field('fp32', 'sparsity')).toHaveText('0.0 %');
  await expect(field('fp32', 'mflops')).toHaveText(/^\d+\.\d+$/);
  await expect(field('fp16', 'precision')).toHaveText(/^FLOAT16 100\.0 %/);
  await expect(field('int8-dynamic', 'precision')).toContainText('INT8');
  await expect(field('prune-50', 'non-zero')).not.toHaveText(params.toLocaleString('en-US'));
  const sparsity = Number((await field('prune-50', 'sparsity').textContent())!.replace(' %', ''));
  expect(sparsity).toBeGreaterThanOrEqual(45);
  expect(sparsity).toBeLessThanOrEqual(55);
  await expect(row('fp16')).toContainText('Cast node(s) inserted');
  // the forge ran off the page: the page's longest stall is measured and shown
  await expect(page.locator('#forge-status')).toContainText(/longest stall meanwhile: \d+ ms/);

  await page.locator('#forge-samples').fill('20');
  await page.locator('#forge-budget').fill('100');
  await page.locator('#forge-profile').click();
  await expect(page.locator('#forge-profile-status')).toHaveAttribute('data-state', 'done', { timeout: 8 * 60_000 });
  await expect(page.locator('#forge-profile-status')).toContainText('Profiled 8 cells');

  const id = `upload-${sha.slice(0, 8)}`;
  const results = (await resultRows(page)).filter((r) => r.cell.startsWith(`${id}/`));
  const find = (variant: string, backend: string) => {
    const name = variant === 'fp32' ? 'cnn-s.onnx' : `cnn-s.onnx · ${variant}`;
    const r = results.find((x) => x.cell === `${id}/ort/${backend}` && x.name === name);
    if (!r) throw new Error(`no results row for ${variant} on ${backend}: ${JSON.stringify(results.map((x) => [x.cell, x.name, x.state]))}`);
    return r;
  };
  expect(results).toHaveLength(8);
  for (const variant of ['fp32', 'fp16', 'int8-dynamic', 'prune-50'])
    for (const backend of ['wasm', 'webgpu']) {
      const r = find(variant, backend);
      if (variant === 'fp16' && backend === 'webgpu') {
        // SwiftShader has no shader-f16: ORT's WebGPU EP refuses the model, and the row says why
        expect(r.state).toBe('skipped');
        expect(r.text).toMatch(/shader-f16/);
        continue;
      }
      expect(r.state, `${variant} on ${backend}: ${r.text}`).toBe('completed');
      // fidelity against the dropped fp32 model on WASM, as a cosine
      expect(r.cosine).toMatch(/^-?\d\.\d{6}/);
      if (variant === 'prune-50') expect(r.cosine).toContain('(not judged)');
      else expect(Number(r.cosine.slice(0, 8))).toBeGreaterThan(0.99);
    }
});

test('bad files get a message that says what happened and what to do, and a valid file afterwards still forges', async ({ page }) => {
  await openApp(page);
  const bytes = cnn();
  const error = page.locator('#forge-error');

  await pick(page, 'half.onnx', bytes.subarray(0, bytes.length >> 1));
  await expect(error).toBeVisible({ timeout: 60_000 });
  await expect(error).toContainText(/What happened: half\.onnx: .*not an ONNX model/);
  await expect(error).toContainText('What to do:');
  await expect(page.locator('#forge-run')).toBeDisabled();

  await pick(page, 'noise.onnx', Buffer.from(Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)));
  await expect(error).toContainText(/noise\.onnx: .*not an ONNX model/);

  await pick(page, 'empty.onnx', Buffer.alloc(0));
  await expect(error).toContainText('"empty.onnx" is empty (0 bytes)');

  await pick(page, 'odd.onnx', customOpModel());
  await expect(page.locator('#forge-status')).toContainText('Opened odd.onnx', { timeout: 60_000 });
  await expect(error).toBeHidden();
  await chooseVariants(page, ['fp16', 'int8-dynamic']);
  await page.locator('#forge-run').click();
  await expect(error).toContainText('None of the 2 variant(s) could be made from odd.onnx', { timeout: 60_000 });
  // onnxruntime's own check of the file names the op it has no kernel for, before any rewrite
  await expect(error).toContainText('FancyNorm');
  await expect(error).toContainText('export the model with standard ONNX ops');
  await expect(page.locator('#forge-table tr[data-variant="int8-dynamic"]')).toHaveAttribute('data-state', 'errored');
  await expect(page.locator('#forge-table tr[data-variant="fp32"] [data-field="mflops"]')).toContainText('(incomplete)');

  await pick(page, 'dynamic.onnx', dynamicModel());
  await expect(page.locator('#forge-status')).toContainText('Opened dynamic.onnx', { timeout: 60_000 });
  await chooseVariants(page, ['fp16']);
  await page.locator('#forge-run').click();
  await expect(error).toContainText('dim "C" (axis 1 of input "x") has no size');
  await page.locator('#forge-dims input[data-dim="C"]').fill('16');
  await page.locator('#forge-run').click();
  await expect(page.locator('#forge-table tr[data-variant="fp16"]')).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  await expect(error).toBeHidden();

  await pick(page, 'cnn-s.onnx', bytes);
  await expect(page.locator('#forge-status')).toContainText('Opened cnn-s.onnx', { timeout: 60_000 });
  await chooseVariants(page, ['prune-50']);
  await page.locator('#forge-run').click();
  await expect(page.locator('#forge-table tr[data-variant="prune-50"]')).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  await expect(error).toBeHidden();
});

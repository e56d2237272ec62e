import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runReportSchema, type RunReport } from '../src/core/result-schema';

/** The `edgewatt bench` command as a CI pipeline uses it: a real process, real Chromium. */
/** The browser the bench process launched: the one Chromium process among its descendants whose parent is not Chromium (Linux /proc). */
function launchedBrowserPid(root: number): number | undefined {
  const procs = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        return [{ pid: Number(d), comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) }];
      } catch {
        return []; // exited while we looked
      }
    });
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const isDescendant = (pid: number): boolean => {
    for (let p = byPid.get(pid); p && p.pid > 1; p = byPid.get(p.ppid)) if (p.ppid === root) return true;
    return false;
  };
  const chrome = (c: string) => /chrom/i.test(c);
  return procs.find((p) => chrome(p.comm) && !chrome(byPid.get(p.ppid)?.comm ?? '') && isDescendant(p.pid))?.pid;
}

function bench(args: string[], opts: { onLine?: (line: string, kill: () => void, crashBrowser: () => boolean) => void } = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/edgewatt.ts', 'bench', ...args], { env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
    let out = '';
    const onData = (d: Buffer) => {
      const text = d.toString();
      out += text;
      const crashBrowser = () => {
        const pid = launchedBrowserPid(child.pid!);
        if (pid !== undefined) process.kill(pid, 'SIGKILL');
        return pid !== undefined;
      };
      for (const line of text.split('\n')) opts.onLine?.(line, () => child.kill('SIGINT'), crashBrowser);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code, out }));
  });
}

function tmpSuite(body: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-suite-'));
  const file = path.join(dir, 'suite.json');
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
}

const quick = { samplesMin: 50, budgetMs: 100, warmupMax: 10 };

test('a suite file with an error exits 2 with a message naming the field', async () => {
  const file = tmpSuite({ name: 'broken', models: ['mlp-s'], runtimes: ['ort'], backends: ['wasm'], protocol: { samplesMin: 'many' } });
  const { code, out } = await bench(['--suite', file]);
  expect(code).toBe(2);
  expect(out).toContain('protocol.samplesMin');
});

test('Ctrl-C mid-suite keeps every finished cell in results.json and says what did not run', async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-out-'));
  const file = tmpSuite({ name: 'interrupt', models: ['mlp-s', 'cnn-s'], runtimes: ['ort', 'tfjs'], backends: ['wasm', 'cpu', 'webgl'], protocol: quick, native: false });
  let killed = false;
  const { code } = await bench(['--suite', file, '--out', outDir], {
    onLine: (line, kill) => {
      if (!killed && /^\[2\/\d+\]/.test(line)) {
        killed = true;
        kill();
      }
    },
  });
  expect(killed).toBe(true);
  expect(code).toBe(3);
  const report: RunReport = runReportSchema.parse(JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8')));
  expect(report.results.length).toBeGreaterThanOrEqual(2);
  expect(report.results.every((r) => r.state === 'completed')).toBe(true);
  expect(report.notRun.length).toBeGreaterThan(0);
  expect(report.results.length + report.notRun.length).toBe(8);
  for (const n of report.notRun) expect(n.reason).toMatch(/interrupted/);
  expect(fs.readFileSync(path.join(outDir, 'summary.md'), 'utf8')).toMatch(/not run/);
});

test('a browser that crashes mid-suite: finished cells kept, the rest listed as not run because of the crash, exit 3', async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-out-'));
  const file = tmpSuite({ name: 'crash', models: ['mlp-s', 'cnn-s'], runtimes: ['ort', 'tfjs'], backends: ['wasm', 'cpu'], protocol: quick, native: false });
  let crashed = false;
  const { code, out } = await bench(['--suite', file, '--out', outDir], {
    onLine: (line, _kill, crashBrowser) => {
      if (!crashed && /^\[2\/\d+\]/.test(line)) crashed = crashBrowser();
    },
  });
  expect(crashed, out).toBe(true);
  expect(code, out).toBe(3);
  const report: RunReport = runReportSchema.parse(JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8')));
  expect(report.results.filter((r) => r.state === 'completed').length).toBeGreaterThanOrEqual(2);
  expect(report.notRun.length).toBeGreaterThan(0);
  for (const n of report.notRun) expect(n.reason).toMatch(/browser closed or crashed/);
  expect(report.results.length + report.notRun.length).toBe(6);
});

test('a clean run exits 0; a run much slower than its baseline exits 1 and names the cell that regressed', async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-out-'));
  const file = tmpSuite({ name: 'gate', models: ['mlp-s'], runtimes: ['ort'], backends: ['wasm'], protocol: quick, native: false });
  const first = await bench(['--suite', file, '--out', outDir]);
  expect(first.code).toBe(0);
  const results = path.join(outDir, 'results.json');
  expect(fs.existsSync(path.join(outDir, 'github-action-benchmark.json'))).toBe(true);

  // a baseline whose samples are 5× faster than what this machine just measured
  const base: RunReport = JSON.parse(fs.readFileSync(results, 'utf8'));
  for (const r of base.results) if (r.state === 'completed') r.phases.steady.samplesMs = r.phases.steady.samplesMs.map((x) => x / 5);
  const baseFile = path.join(outDir, 'fast-baseline.json');
  fs.writeFileSync(baseFile, JSON.stringify(base));

  const second = await bench(['--suite', file, '--out', path.join(outDir, 'again'), '--baseline', baseFile, '--threshold', '10']);
  expect(second.code).toBe(1);
  expect(second.out).toMatch(/mlp-s\/fp32\/ort\/wasm is .* slower than the baseline/);
});

/**
 * How fast the CLI answers `--help`: the installed package (plain JavaScript from lib/), called
 * directly and through npx, next to Node's own start-up (the floor) and the checkout (tsx).
 *
 *   npx tsx benchmarks/cli-startup.ts [--runs N] [--project DIR]
 *
 * --project reuses a project where edgewatt is already installed (node_modules/.bin/edgewatt);
 * without it, the checkout is packed and installed into a temporary project first (~1 min).
 * Prints the median (and range) of N runs of each command, with the command itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKOUT_ROOT, cleanNpmEnv, packAndInstall } from '../scripts/packed-project.js';

interface Case {
  label: string;
  cmd: string;
  args: string[];
  cwd: string;
}

function timeRuns(c: Case, runs: number): number[] {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(c.cmd, c.args, { cwd: c.cwd, env: cleanNpmEnv(), encoding: 'utf8' });
    ms.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${c.cmd} ${c.args.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  }
  return ms.sort((a, b) => a - b);
}

const median = (sorted: number[]): number => (sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2);

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, project: { type: 'string' } } });
  const runs = Number(values.runs ?? 11);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got '${values.runs}'`);
  let project = values.project ? path.resolve(values.project) : undefined;
  let tmp: string | undefined;
  if (project && !fs.existsSync(path.join(project, 'node_modules', '.bin', 'edgewatt'))) {
    throw new Error(`${project} has no node_modules/.bin/edgewatt: install edgewatt there first (npm install edgewatt), or drop --project`);
  }
  if (!project) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edgewatt-startup-'));
    console.log(`packing and installing edgewatt into ${tmp}…`);
    project = packAndInstall(tmp).dir;
  }
  const cases: Case[] = [
    { label: 'node (floor)', cmd: process.execPath, args: ['-e', '0'], cwd: project },
    { label: 'installed', cmd: process.execPath, args: ['node_modules/.bin/edgewatt', '--help'], cwd: project },
    { label: 'installed', cmd: process.execPath, args: ['node_modules/.bin/edgewatt', 'bench', '--help'], cwd: project },
    { label: 'installed', cmd: process.execPath, args: ['node_modules/.bin/edgewatt', 'forge', '--help'], cwd: project },
    { label: 'installed, npx', cmd: 'npx', args: ['edgewatt', '--help'], cwd: project },
    { label: 'checkout (tsx)', cmd: process.execPath, args: ['bin/edgewatt.mjs', '--help'], cwd: CHECKOUT_ROOT },
  ];
  console.log(`median of ${runs} runs (min–max), ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}:`);
  for (const c of cases) {
    const ms = timeRuns(c, runs);
    const cmd = `${c.cmd === process.execPath ? 'node' : c.cmd} ${c.args.join(' ')}`;
    console.log(`  ${(median(ms) / 1000).toFixed(3)} s  (${(ms[0]! / 1000).toFixed(3)}–${(ms.at(-1)! / 1000).toFixed(3)})  ${c.label.padEnd(15)} ${cmd}`);
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}

try {
  main();
} catch (err) {
  console.error(`cli-startup: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

/**
 * Makes what a user gets from `npm install edgewatt`: `npm pack` of this checkout (its prepack
 * builds the app and the CLI, reusing a fresh app build), installed into an empty project outside
 * the checkout. Shared by e2e/npm-pack.spec.ts and benchmarks/cli-startup.ts.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHECKOUT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface PackedTarball {
  file: string;
  /** bytes of the .tgz */
  size: number;
  unpackedSize: number;
  /** paths inside the package, relative to its root */
  files: string[];
}

export interface PackedProject {
  tarball: PackedTarball;
  /** the empty project edgewatt was installed into */
  dir: string;
}

/**
 * The environment without the npm_* variables an enclosing `npm test` sets (the checkout's
 * package, prefix and lifecycle), so an npm run in the temporary project sees only that project.
 * npm's cache location is kept: it is what makes the install work offline.
 */
export function cleanNpmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(cache|registry|userconfig)$/i.test(k)));
}

/** Runs a command, failing with its output when it exits non-zero (npm's errors say what went wrong). */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanNpmEnv()): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `npm pack` into `destDir`; the prepack script's own output precedes npm's JSON on stdout. */
export function npmPack(destDir: string): PackedTarball {
  fs.mkdirSync(destDir, { recursive: true });
  const r = run(NPM, ['pack', '--json', '--pack-destination', destDir], CHECKOUT_ROOT);
  const start = r.stdout.search(/^\[\s*\{/m);
  if (start < 0) throw new Error(`npm pack printed no JSON summary:\n${r.stdout}`);
  const [info] = JSON.parse(r.stdout.slice(start)) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed an empty summary:\n${r.stdout}`);
  return { file: path.join(destDir, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.files.map((f) => f.path) };
}

/**
 * `npm init -y` and `npm install <tarball>` in `workDir/project`. --prefer-offline: after the
 * checkout's `npm ci` every dependency is in npm's cache, so nothing is downloaded again.
 */
export function installTarball(tarball: PackedTarball, workDir: string): PackedProject {
  const dir = path.join(workDir, 'project');
  fs.mkdirSync(dir, { recursive: true });
  run(NPM, ['init', '-y'], dir);
  run(NPM, ['install', tarball.file, '--prefer-offline', '--no-audit', '--no-fund'], dir);
  return { tarball, dir };
}

export function packAndInstall(workDir: string): PackedProject {
  return installTarball(npmPack(workDir), workDir);
}

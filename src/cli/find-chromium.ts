import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { UsageError } from '../bench/exit-codes.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new UsageError(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there`, 'point it at a Chromium binary or unset it');
    return fromEnv;
  }
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Debian's Chromium, never a browser build downloaded by a test tool. Installs it when we are
 * root with apt available; otherwise stops with the command to run.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    log("edgewatt: no Chromium found; installing Debian's chromium package (apt-get install chromium)…");
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new UsageError('no Chromium found', 'install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary, then run the command again');
}

/** DESIGN §8: the one flag that gives WebGPU here, and the flags that keep Chromium quiet offline. */
export const QUIET_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const WEBGPU_ARG = '--enable-unsafe-webgpu';

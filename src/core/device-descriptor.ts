import type { Environment } from './environment.js';
import { MEMORY_BUCKETS_GIB, type DeviceClass, type DeviceDescriptor } from './submission-schema.js';

/**
 * The coarse descriptor the app shows in Share and sends: nothing beyond class, OS family,
 * UA-CH model, GPU vendor/architecture, cores and the memory bucket. Pure, runs in the browser.
 *
 * `deviceClass` comes from the power-profile match or the user; only "mobile" is guessed here,
 * because a user agent cannot tell a laptop from a desktop.
 */
export function describeDevice(env: Environment, deviceClass?: DeviceClass): DeviceDescriptor {
  const platform = clip(env.uaData?.platform?.trim() || platformFromUserAgent(env.userAgent), 32);
  const model = env.uaData?.model?.trim() ? clip(env.uaData.model.trim(), 64) : null;
  const gpu = env.gpu.available
    ? { vendor: clip(env.gpu.adapter.vendor.trim() || 'unknown', 64), architecture: clip(env.gpu.adapter.architecture.trim(), 64, '') }
    : null;
  return {
    class: deviceClass ?? guessClass(env),
    platform,
    model,
    gpu,
    cores: Math.min(1024, Math.max(1, env.hardwareConcurrency || 1)),
    memoryGiB: bucketMemory(env.deviceMemoryGiB),
  };
}

function guessClass(env: Environment): DeviceClass {
  const ua = env.userAgent;
  if (/iPad|Tablet/i.test(ua) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) return 'tablet';
  if (env.uaData?.mobile === true || /iPhone|Android.*Mobile/i.test(ua)) return 'phone';
  return 'unknown';
}

function platformFromUserAgent(ua: string): string {
  if (/Android/i.test(ua)) return 'Android';
  if (/iPhone|iPad|iPod/i.test(ua)) return 'iOS';
  if (/CrOS/i.test(ua)) return 'ChromeOS';
  if (/Windows/i.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/i.test(ua)) return 'macOS';
  if (/Linux/i.test(ua)) return 'Linux';
  return 'unknown';
}

/** Round down to the browser's buckets so a hand-typed 12 GiB becomes 8 rather than a rarer value. */
function bucketMemory(gib: number | null): number | null {
  if (gib === null || !Number.isFinite(gib) || gib <= 0) return null;
  let bucket: number | null = null;
  for (const b of MEMORY_BUCKETS_GIB) if (b <= gib) bucket = b;
  return bucket;
}

/** Empty stays empty only where the browser's own value may be empty (GPU architecture). */
function clip(s: string, max: number, whenEmpty = 'unknown'): string {
  // control characters would fail the server's schema; drop them rather than refuse the device
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '');
  return (clean || whenEmpty).slice(0, max);
}

import type { Context, MiddlewareHandler } from 'hono';
import { addressBucket, createRateLimiter, type RateLimit } from './rate-limiter.js';

export interface RequestLimits {
  submit: RateLimit;
  /** bytes of submission bodies per address: ten 3 MB bundles in a burst stalled every reader */
  submitBytes: RateLimit;
  /** every GET: API, exports and the HTML pages share one budget per address */
  read: RateLimit;
}

export const DEFAULT_RATE_LIMIT = {
  submit: { perMinute: 30, burst: 10 },
  // a burst holds two bodies at the 4 MiB limit; sustained, 8 MiB a minute is several dozen
  // typical bundles (tens of KB each) and two or three of the largest
  submitBytes: { perMinute: 8 * 1024 * 1024, burst: 10 * 1024 * 1024 },
  read: { perMinute: 600, burst: 120 },
} as const satisfies RequestLimits;

export interface Limiters {
  submit: MiddlewareHandler;
  read: MiddlewareHandler;
  /** spends `bytes` of the address's byte budget; a Response (429) when it is spent */
  chargeBytes(c: Context, bytes: number): Response | null;
}

/** Per-address limiters, in memory; `false` turns them off (load benchmarks only). */
export function createLimiters(
  limits: RequestLimits | false,
  addressOf: (c: Context) => string | undefined,
  nowMs: () => number,
): Limiters {
  if (limits === false) return { submit: (_c, next) => next(), read: (_c, next) => next(), chargeBytes: () => null };
  const bucketOf = (c: Context) => addressBucket(addressOf(c) ?? 'unknown');
  const tooMany = (c: Context, retryAfterS: number, what: string) => {
    c.header('Retry-After', String(retryAfterS));
    return c.json({ error: `Too many ${what} from your address; retry in ${retryAfterS} s.` }, 429);
  };
  const middleware = (limit: RateLimit): MiddlewareHandler => {
    const l = createRateLimiter(limit, nowMs);
    return async (c, next) => {
      const decision = l.take(bucketOf(c));
      if (decision.ok) return next();
      return tooMany(c, decision.retryAfterS, 'requests');
    };
  };
  const bytes = createRateLimiter(limits.submitBytes, nowMs);
  return {
    submit: middleware(limits.submit),
    read: middleware(limits.read),
    chargeBytes(c, n) {
      const decision = bytes.take(bucketOf(c), n);
      return decision.ok ? null : tooMany(c, decision.retryAfterS, 'bytes of submissions');
    },
  };
}

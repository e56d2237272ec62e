import { ipv6Groups, unmapIpv4 } from './ip-groups.js';

/**
 * Per-address token buckets, in memory only: addresses are never written anywhere, and a bucket
 * is forgotten once it has refilled. A restart forgets everything, which is acceptable for a
 * speed bump against floods (it is not an abuse ledger).
 */
export interface RateLimit {
  /** sustained rate */
  perMinute: number;
  /** requests allowed at once after a quiet period */
  burst: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number };

export interface RateLimiter {
  /** Spends `cost` tokens (default 1: one request; a byte budget spends the body's size). */
  take(key: string, cost?: number): RateDecision;
  /** how many addresses are currently remembered */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

const SWEEP_EVERY = 1024;
const MAX_KEYS = 100_000;

export function createRateLimiter(limit: RateLimit, nowMs: () => number = Date.now): RateLimiter {
  if (!(limit.perMinute > 0) || !(limit.burst >= 1)) {
    throw new Error(`rate limit needs perMinute > 0 and burst ≥ 1 (got ${limit.perMinute}/min, burst ${limit.burst})`);
  }
  const perMs = limit.perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  let calls = 0;

  const refill = (b: Bucket, now: number) => {
    b.tokens = Math.min(limit.burst, b.tokens + (now - b.atMs) * perMs);
    b.atMs = now;
  };

  const sweep = (now: number) => {
    for (const [key, b] of buckets) {
      refill(b, now);
      if (b.tokens >= limit.burst) buckets.delete(key);
    }
    // under a flood of distinct addresses, forget the oldest rather than grow without bound
    for (const key of buckets.keys()) {
      if (buckets.size <= MAX_KEYS) break;
      buckets.delete(key);
    }
  };

  return {
    take(key, cost = 1) {
      const now = nowMs();
      if (++calls % SWEEP_EVERY === 0 || buckets.size > MAX_KEYS) sweep(now);
      let b = buckets.get(key);
      if (!b) {
        b = { tokens: limit.burst, atMs: now };
        buckets.set(key, b);
      } else {
        refill(b, now);
      }
      // a cost above the burst could never be paid; it is charged as a full bucket instead
      const due = Math.min(cost, limit.burst);
      if (b.tokens >= due) {
        b.tokens -= due;
        return { ok: true };
      }
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((due - b.tokens) / perMs / 1000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * The unit a limit applies to: an IPv4 address, or an IPv6 /64 (one subscriber usually holds a
 * whole /64, so per-address limits on IPv6 would be trivial to dodge).
 */
export function addressBucket(address: string): string {
  const a = unmapIpv4(address);
  const groups = ipv6Groups(a);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : a;
}

import { describe, expect, it } from 'vitest';
import { addressBucket, createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with a retry time, then refills at the sustained rate', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 6, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterS: 10 });
    expect(limiter.take('b').ok).toBe(true); // other addresses are unaffected
    now += 10_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('forgets addresses whose bucket has refilled', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 60, burst: 2 }, () => now);
    for (let i = 0; i < 1000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    now += 60_000;
    for (let i = 0; i < 1024; i++) limiter.take('203.0.113.9');
    expect(limiter.size).toBeLessThan(10);
  });

  it('refuses a limit that would let nothing through', () => {
    expect(() => createRateLimiter({ perMinute: 0, burst: 1 })).toThrow(/perMinute > 0/);
  });
});

describe('addressBucket', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6', () => {
    expect(addressBucket('192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('groups IPv6 addresses by /64, whatever their spelling', () => {
    const a = addressBucket('2001:db8:0:1::1');
    expect(a).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe(a);
    expect(addressBucket('2001:db8:0:2::1')).not.toBe(a);
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});

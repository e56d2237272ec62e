import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddressResolver, parseTrustProxy, pickClient } from './client-address.js';
import { networkKey, networkPrefix } from './network-key.js';

describe('TRUST_PROXY', () => {
  it('parses off, a hop count and a list of addresses and IPv4 CIDRs', () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustProxy('false')).toEqual({ kind: 'none' });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual({ kind: 'list', entries: ['127.0.0.1', '10.0.0.0/8', '::1'] });
    expect(() => parseTrustProxy('proxy.example')).toThrow(/TRUST_PROXY/);
  });

  it('picks the client from X-Forwarded-For only as far as the proxies are trusted', () => {
    const chain = ['6.6.6.6', '198.51.100.7', '10.0.0.2'];
    // the left-most entry is whatever the client wrote: never believed
    expect(pickClient(chain, { kind: 'none' })).toBe('10.0.0.2');
    expect(pickClient(chain, { kind: 'hops', hops: 1 })).toBe('198.51.100.7');
    expect(pickClient(chain, { kind: 'hops', hops: 9 })).toBe('6.6.6.6');
    expect(pickClient(chain, parseTrustProxy('10.0.0.0/8'))).toBe('198.51.100.7');
    expect(pickClient(['198.51.100.7', '::ffff:127.0.0.1'], parseTrustProxy('127.0.0.1'))).toBe('198.51.100.7');
  });

  it('reads the header through @hono/node-server’s peer address', async () => {
    const app = new Hono();
    const resolve = clientAddressResolver({ kind: 'hops', hops: 1 });
    app.get('/', (c) => c.text(resolve(c) ?? 'none'));
    const res = await app.request('/', { headers: { 'x-forwarded-for': '203.0.113.5' } }, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
    expect(await res.text()).toBe('203.0.113.5');
  });
});

describe('networkKey', () => {
  it('keys IPv4 by /24 and IPv6 by /48, salted, without the address in it', () => {
    expect(networkPrefix('192.0.2.77')).toBe('192.0.2');
    expect(networkPrefix('::ffff:192.0.2.1')).toBe('192.0.2');
    expect(networkPrefix('2001:0db8:0001:0002::9')).toBe('2001:db8:1');
    expect(networkPrefix(undefined)).toBe('unknown');
    expect(networkKey('192.0.2.1', 's')).toBe(networkKey('192.0.2.250', 's'));
    expect(networkKey('192.0.2.1', 's')).not.toBe(networkKey('192.0.3.1', 's'));
    expect(networkKey('192.0.2.1', 's')).not.toBe(networkKey('192.0.2.1', 't'));
    expect(networkKey('192.0.2.1', 's')).toMatch(/^[0-9a-f]{12}$/);
  });
});

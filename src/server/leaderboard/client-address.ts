import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { unmapIpv4 } from './ip-groups.js';

/**
 * Which address a request comes from, for rate limits and the network key. Behind a reverse proxy
 * the TCP peer is the proxy, and every user would share one budget; X-Forwarded-For is believed
 * only as far as TRUST_PROXY says, since any client can send that header.
 *
 * TRUST_PROXY:
 * - unset, `0` or `false`: the TCP peer (no proxy)
 * - a number N: N proxies in front; the client is the address N hops left of the peer
 * - a comma-separated list of addresses or IPv4 CIDRs (`127.0.0.1,10.0.0.0/8`): proxies that
 *   are trusted; the client is the right-most address that is not one of them
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; entries: readonly string[] };

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = (raw ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return { kind: 'none' };
  if (/^\d+$/.test(v)) return { kind: 'hops', hops: Number(v) };
  const entries = v.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  for (const e of entries) {
    if (!/^[0-9a-f:.]+(\/\d{1,2})?$/.test(e) || (e.includes('/') && !/^\d+\.\d+\.\d+\.\d+\/\d{1,2}$/.test(e))) {
      throw new Error(`TRUST_PROXY: '${e}' is not an address or an IPv4 CIDR; use a hop count (e.g. 1) or a list such as 127.0.0.1,10.0.0.0/8`);
    }
  }
  return { kind: 'list', entries };
}

export function clientAddressResolver(trust: TrustProxy): (c: Context) => string | undefined {
  if (trust.kind === 'none') return peerAddress;
  return (c) => {
    const peer = peerAddress(c);
    if (peer === undefined) return undefined;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    return pickClient([...forwarded, peer], trust);
  };
}

/** `chain` is X-Forwarded-For's addresses followed by the TCP peer (right-most = nearest). */
export function pickClient(chain: readonly string[], trust: TrustProxy): string | undefined {
  if (chain.length === 0) return undefined;
  if (trust.kind === 'none') return chain.at(-1);
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)];
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trust.entries.some((e) => matches(chain[i]!, e))) return chain[i];
  }
  return chain[0];
}

function matches(address: string, entry: string): boolean {
  const a = unmapIpv4(address);
  if (!entry.includes('/')) return a === entry;
  const [base = '', bits = '32'] = entry.split('/');
  const n = Number(bits);
  const av = ipv4Number(a);
  const bv = ipv4Number(base);
  if (av === null || bv === null || n > 32) return false;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((av & mask) >>> 0) === ((bv & mask) >>> 0);
}

function ipv4Number(a: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // not running under @hono/node-server (e.g. app.request() in tests): one shared bucket
    return undefined;
  }
}

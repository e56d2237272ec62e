import { createHash, randomBytes } from 'node:crypto';
import { ipv6Groups, unmapIpv4 } from './ip-groups.js';

/**
 * A coarse, non-identifying key for "which network did this come from": a salted hash of the
 * address's /24 (IPv4) or /48 (IPv6) prefix, cut to 12 hex characters. The leaderboard counts
 * distinct networks behind a row (corroboration) and never stores or logs the address itself.
 * Without a stable salt (EDGEWATT_NETWORK_SALT) keys change on every restart, which only makes a
 * network that submits before and after a restart count twice.
 */
export function networkKey(address: string | undefined, salt: string): string {
  return createHash('sha256').update(`${salt}\u0000${networkPrefix(address)}`).digest('hex').slice(0, 12);
}

/** `192.0.2.77` → `192.0.2`; `2001:db8:1:2::9` → `2001:db8:1`; unknown → `unknown`. */
export function networkPrefix(address: string | undefined): string {
  const a = unmapIpv4(address ?? '');
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(a);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}`;
  return ipv6Groups(a)?.slice(0, 3).join(':') ?? 'unknown';
}

export function networkSaltFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.EDGEWATT_NETWORK_SALT || randomBytes(16).toString('hex');
}

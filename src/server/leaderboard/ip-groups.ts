/**
 * The eight 16-bit groups of an IPv6 address as written (`::` expanded, zone dropped, leading
 * zeros trimmed), or null for anything without a colon. Rate limits key on the first four (/64),
 * network keys on the first three (/48).
 */
export function ipv6Groups(address: string): string[] | null {
  const a = address.trim().toLowerCase().split('%')[0]!;
  if (!a.includes(':')) return null;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = a.includes('::') && tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

/** `::ffff:192.0.2.7` → `192.0.2.7`; other addresses unchanged (trimmed, lower case). */
export function unmapIpv4(address: string): string {
  const a = address.trim().toLowerCase();
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)?.[1] ?? a;
}

import os from 'node:os';

/** The machine's IPv4 LAN addresses, for the URLs a phone on the same network can open. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

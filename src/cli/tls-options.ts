import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/models-dir.js';

export interface TlsFiles {
  key: Buffer;
  cert: Buffer;
  /** what the person should know about this certificate */
  note: string;
}

/**
 * HTTPS for reaching the app from a phone on the LAN (WebGPU and service workers need a secure
 * context). A certificate the user provides wins; otherwise a self-signed one is generated once
 * with openssl, with its caveat said out loud: browsers warn, and service workers are refused on
 * an untrusted certificate until the user trusts it on the device.
 */
export function tlsFiles(opts: { cert?: string; key?: string; hostnames: string[]; log: (l: string) => void }): TlsFiles {
  if (opts.cert || opts.key) {
    if (!opts.cert || !opts.key) throw new Error('Give both --cert FILE and --key FILE (or neither, for a generated local certificate).');
    for (const f of [opts.cert, opts.key]) if (!fs.existsSync(f)) throw new Error(`No file at ${f}.`);
    return { cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key), note: `certificate from ${opts.cert}` };
  }
  const dir = path.join(PROJECT_ROOT, 'data', 'tls');
  const cert = path.join(dir, 'local-cert.pem');
  const key = path.join(dir, 'local-key.pem');
  if (!fs.existsSync(cert) || !fs.existsSync(key)) {
    fs.mkdirSync(dir, { recursive: true });
    const san = opts.hostnames.map((h) => (/^\d+\.\d+\.\d+\.\d+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=edgewatt local', '-addext', `subjectAltName=${san}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
    } catch {
      throw new Error('Could not generate a local certificate (is openssl installed?). Provide one with --cert FILE --key FILE.');
    }
    opts.log(`edgewatt: generated a self-signed certificate for ${opts.hostnames.join(', ')} in ${path.relative(process.cwd(), dir)} (valid 30 days)`);
  }
  return {
    cert: fs.readFileSync(cert),
    key: fs.readFileSync(key),
    note: 'self-signed certificate: the browser will warn; install/trust it on the phone for the service worker (offline use) to register',
  };
}

/** Hex sha256 via WebCrypto (Node ≥ 20 and every browser the app supports). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // copy into a plain ArrayBuffer: a Node Buffer may be a view into a larger shared pool
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer as ArrayBuffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

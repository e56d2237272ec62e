import { HintedError } from '../../core/serialized-error.js';

/** Past this a browser tab is likely to run out of memory holding the model, its variants and their sessions. */
export const MAX_FORGE_FILE_BYTES = 512 * 2 ** 20;

/**
 * Reads a picked or dropped file in chunks, reporting bytes read, so a large model shows progress
 * instead of a frozen page; refuses empty and huge files before reading them.
 */
export async function readFileWithProgress(file: Blob & { name: string }, onProgress: (doneBytes: number, totalBytes: number) => void): Promise<ArrayBuffer> {
  if (file.size === 0) throw new HintedError(`"${file.name}" is empty (0 bytes)`, 'pick the .onnx file itself; a failed download or a placeholder file is 0 bytes');
  if (file.size > MAX_FORGE_FILE_BYTES) {
    throw new HintedError(
      `"${file.name}" is ${(file.size / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_FORGE_FILE_BYTES / 2 ** 20} MiB the in-browser forge takes`,
      'forge it from a terminal with `npx edgewatt forge model.onnx --out dir`, then profile the variants',
    );
  }
  const out = new Uint8Array(file.size);
  let done = 0;
  try {
    const reader = file.stream().getReader();
    for (;;) {
      const { done: finished, value } = await reader.read();
      if (finished) break;
      if (done + value.length > out.length) throw new Error('the file grew while it was read');
      out.set(value, done);
      done += value.length;
      onProgress(done, file.size);
    }
  } catch (err) {
    throw new HintedError(`could not read "${file.name}": ${err instanceof Error ? err.message : String(err)}`, 'pick the file again; if it sits on a network drive, copy it to this device first', { cause: err });
  }
  if (done !== file.size) throw new HintedError(`read ${done} of ${file.size} bytes of "${file.name}"`, 'pick the file again');
  return out.buffer;
}

import { readFile, readdir } from 'node:fs/promises';
import type { RaplFs } from './rapl-reader.js';

/** The real file system for the RAPL reader (Node only: the headless runner). */
export const nodeRaplFs: RaplFs = {
  readdir: (path) => readdir(path),
  readFile: (path) => readFile(path, 'utf8'),
};

// Generated bench output goes to <repo>/.cache/bench/ (gitignored); nothing generated is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CACHE_DIR = fileURLToPath(new URL('../../.cache/bench/', import.meta.url));

/** @param {string} name @param {unknown} value @returns {string} the path written */
export function writeResult(name, value) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, name);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

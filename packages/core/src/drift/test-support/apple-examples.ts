import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where Apple's documented service-config examples are kept (see README.md there). */
export const EXAMPLES_DIR = fileURLToPath(new URL('./', import.meta.url));
export const V2_EXAMPLE_FILE = `${EXAMPLES_DIR}apple-v2-service-config.json`;
export const LEGACY_EXAMPLE_FILE = `${EXAMPLES_DIR}apple-legacy-service-config.json`;

export function readExample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../test-fixtures/', import.meta.url));

interface FixtureMeta {
  readonly status: number | null;
  readonly headers?: Record<string, string>;
  readonly origin: string;
}

export const FIXTURE_INDEX = JSON.parse(readFileSync(`${FIXTURE_DIR}index.json`, 'utf8')) as Record<
  string,
  FixtureMeta
>;

/** A fixture as an HTTP client would hand it over: raw bytes plus its status and headers. */
export function loadFixture(name: string): {
  status: number | null;
  headers: Record<string, string>;
  body: Buffer;
} {
  const meta = FIXTURE_INDEX[name];
  if (!meta) throw new Error(`fixture ${name} is not in index.json`);
  return { status: meta.status, headers: meta.headers ?? {}, body: readFileSync(`${FIXTURE_DIR}${name}`) };
}

import { createRequire } from 'node:module';

const cache = new Map<string, unknown>();

/**
 * Loads an optional peer (prom-client, @opentelemetry/api) only when a feature needs it; null when it is not
 * installed. Core has no runtime dependencies, so nothing is imported statically.
 */
export function loadOptional<T>(name: string): T | null {
  if (cache.has(name)) return cache.get(name) as T | null;
  let loaded: unknown = null;
  try {
    loaded = createRequire(import.meta.url)(name);
  } catch {
    loaded = null;
  }
  cache.set(name, loaded);
  return loaded as T | null;
}

import { LEGACY_CODES } from './legacy-codes.js';
import { OBSERVED_CODES } from './observed-codes.js';
import { RICLOUD_CODES } from './ricloud-codes.js';
import { SUBSCRIPTION_CODES } from './subscription-codes.js';
import type { CatalogEntry } from './types.js';
import { V2_CODES } from './v2-codes.js';

/** Every known code: legacy, codes seen only in Apple's live lists, v2, subscriptions, then riCloud. */
export const CATALOG: readonly CatalogEntry[] = Object.freeze([
  ...LEGACY_CODES,
  ...OBSERVED_CODES,
  ...V2_CODES,
  ...SUBSCRIPTION_CODES,
  ...RICLOUD_CODES,
]);

const byCode = new Map<number | string, CatalogEntry>();
for (const entry of CATALOG) {
  byCode.set(entry.code, entry);
  for (const alias of entry.aliases ?? []) byCode.set(alias, entry);
}

/**
 * Every Apple numeric code the catalog knows, aliases included: a safe allowlist for metric labels.
 *
 * @example
 * ```ts
 * const label = KNOWN_ERROR_NUMBERS.has(code) ? String(code) : 'other';
 * ```
 */
export const KNOWN_ERROR_NUMBERS: ReadonlySet<number> = new Set(
  [...byCode.keys()].filter((code): code is number => typeof code === 'number'),
);

/**
 * Finds the entry for an Apple `errorNumber` or riCloud code; numeric strings and aliases (9805 → 9816) resolve too.
 *
 * @example
 * ```ts
 * lookupCode('9646')?.retryClass; // 'throttled'
 * lookupCode(9805)?.code; // 9816
 * ```
 */
export function lookupCode(code: number | string): CatalogEntry | undefined {
  if (typeof code === 'number') return byCode.get(code);
  if (typeof code !== 'string') return undefined;
  const trimmed = code.trim();
  if (/^\d{1,9}$/.test(trimmed)) return byCode.get(Number(trimmed));
  return byCode.get(trimmed.toLowerCase());
}

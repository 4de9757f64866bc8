import type { OrgState } from '../state/types.js';
import { formatAppleDate } from '../util/apple-date.js';

/** Fields Apple puts on every v2 answer. */
export function v2Envelope(org: OrgState): { tokenExpirationDate: string; uId: string } {
  return { tokenExpirationDate: formatAppleDate(org.expiresAt), uId: org.uId };
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function hasDuplicates(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

/** Split into chunks of at most `size` (Apple sends at most 100 elements per notification). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

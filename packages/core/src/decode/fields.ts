/** Defensive readers for untrusted parsed bodies: a throwing getter or a Proxy never escapes them. */

export type Json = Record<string, unknown>;

/** Caps how many array items a recognizer walks, so a hostile body costs bounded work. */
export const MAX_ITEMS = 10_000;

export function prop(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return (value as Json)[key];
  } catch {
    return undefined;
  }
}

export function asRecord(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

export function asArray(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) return [];
  return value.length > MAX_ITEMS ? value.slice(0, MAX_ITEMS) : value;
}

/** A string, or a finite number rendered as one (Apple sends some ids either way). */
export function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A finite number, or a decimal string of one; -0 reads as 0, as it would after a trip through JSON text. */
export function asFiniteNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value + 0;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value) + 0;
  return null;
}

/** Strings found in an array field, ignoring anything else. */
export function textList(value: unknown): string[] {
  const out: string[] = [];
  for (const item of asArray(value)) {
    const text = asText(item);
    if (text !== null) out.push(text);
  }
  return out;
}

/** True when the record has the key at all (even with a null value). */
export function has(record: Json, key: string): boolean {
  try {
    return Object.hasOwn(record, key);
  } catch {
    return false;
  }
}

/** An event type as Apple spells them (`ASSOCIATE`, `CREATE`, …): an upper-case word, else undefined. */
export function asEventType(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Z_]{1,32}$/.test(value) ? value : undefined;
}

import type { CatalogEntry } from '../catalog/types.js';

/**
 * A wording reduced to what carries meaning: case, typographic quotes, backticks, spacing and a final full stop
 * differ between Apple's pages and its live lists without changing what a code means.
 */
export function comparableWording(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.+$/, '')
    .toLowerCase();
}

/** True when the catalog records this wording for the entry: its message, an older one, or a known meaning. */
export function catalogHasWording(entry: CatalogEntry, text: string): boolean {
  const wanted = comparableWording(text);
  const recorded = [entry.message, ...entry.olderMessages, ...(entry.meanings ?? []).map((m) => m.message)];
  return recorded.some((known) => comparableWording(known) === wanted);
}

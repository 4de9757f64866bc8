import { CATALOG, lookupCode } from '../catalog/lookup.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { ListedCode, ListedCodes, ServiceConfigApi } from './listed-codes.js';
import { catalogHasWording } from './wording.js';

/** A code both lists hold, worded in a way the catalog has never recorded. */
export interface WordingDifference {
  readonly errorNumber: number;
  readonly appleMessage: string;
  readonly catalogMessage: string;
}

/** How Apple's live list and the catalog differ. */
export interface CatalogDiff {
  readonly api: ServiceConfigApi;
  /** Codes Apple lists that the catalog lacks. */
  readonly missing: readonly ListedCode[];
  /** Codes the catalog holds for this API that Apple's list does not name. */
  readonly extra: readonly number[];
  readonly wording: readonly WordingDifference[];
}

/** Which catalog entries a list of this API is expected to name. */
function expectedFor(api: ServiceConfigApi): readonly CatalogEntry[] {
  const apis =
    api === 'v2' ? ['v2', 'both'] : api === 'legacy' ? ['legacy', 'both'] : ['v2', 'legacy', 'both'];
  return CATALOG.filter((e) => typeof e.code === 'number' && apis.includes(e.api));
}

/**
 * Compares Apple's `errorCodes` list with the catalog: codes the catalog lacks, codes it holds that Apple does
 * not list, and wordings it has never recorded. Codes are matched by number (aliases included), never by text.
 *
 * @example
 * ```ts
 * const listed = readListedCodes(body);
 * if (listed) diffWithCatalog(listed).missing; // [{ errorNumber: 9649, errorMessage: '…' }] for an older catalog
 * ```
 */
export function diffWithCatalog(listed: ListedCodes): CatalogDiff {
  const missing: ListedCode[] = [];
  const wording: WordingDifference[] = [];
  const named = new Set<number | string>();
  for (const code of listed.codes) {
    const entry = lookupCode(code.errorNumber);
    if (entry === undefined) {
      missing.push(code);
      continue;
    }
    named.add(entry.code);
    if (code.errorMessage !== null && !catalogHasWording(entry, code.errorMessage)) {
      wording.push({
        errorNumber: code.errorNumber,
        appleMessage: code.errorMessage,
        catalogMessage: entry.message,
      });
    }
  }
  const extra = expectedFor(listed.api)
    .filter((e) => !named.has(e.code))
    .map((e) => e.code as number);
  return { api: listed.api, missing, extra, wording };
}

/** True when the lists agree. */
export function isEmptyDiff(diff: CatalogDiff): boolean {
  return diff.missing.length === 0 && diff.extra.length === 0 && diff.wording.length === 0;
}

import { CATALOG_BASIS } from './basis.js';
import {
  CATALOG_FIELDS,
  type CatalogEntry,
  type CatalogField,
  type Citation,
  type FieldBasis,
} from './types.js';

const NOT_STATED = "vppwatch's reading: no stored document states it.";

/**
 * True when the field's value is stated by a stored source document.
 *
 * @example
 * ```ts
 * isCitation(catalogBasis(lookupCode(9603)!).retryClass!); // true: Apple says to send the request again
 * ```
 */
export function isCitation(basis: FieldBasis): basis is Citation {
  return 'from' in basis;
}

/** The fields of an entry that make a claim: a null HTTP status, no other wordings or no minimum wait claim nothing. */
function claims(entry: CatalogEntry, field: CatalogField): boolean {
  if (field === 'httpStatus') return entry.httpStatus !== null;
  if (field === 'olderMessages') return entry.olderMessages.length > 0;
  if (field === 'minRetryAfterMs') return entry.minRetryAfterMs !== undefined;
  return true;
}

/**
 * Where each of an entry's claims comes from. A field no source is recorded for is vppwatch's own reading, so a
 * new entry without sources shows up as unsupported rather than as Apple's word.
 *
 * @example
 * ```ts
 * catalogBasis(lookupCode(9603)!).retryClass;
 * // { from: ['apple-legacy-errors'], says: 'When the MDM server receives this response, it should send …' }
 * ```
 */
export function catalogBasis(entry: CatalogEntry): Partial<Record<CatalogField, FieldBasis>> {
  const recorded = CATALOG_BASIS.get(entry.code);
  const out: Partial<Record<CatalogField, FieldBasis>> = {};
  for (const field of CATALOG_FIELDS) {
    if (claims(entry, field)) out[field] = recorded?.[field] ?? { inferred: NOT_STATED };
  }
  return out;
}

/**
 * The entry's fields that no stored source document supports (vppwatch's reading, or a source not stored).
 *
 * @example
 * ```ts
 * unsupportedFields(lookupCode(9622)!); // ['olderMessages', 'api', 'retryClass', 'remediation']
 * ```
 */
export function unsupportedFields(entry: CatalogEntry): CatalogField[] {
  const basis = catalogBasis(entry);
  return CATALOG_FIELDS.filter((field) => {
    const b = basis[field];
    return b !== undefined && !isCitation(b);
  });
}

/**
 * True when the remediation goes beyond the documents: vppwatch's advice, not the vendor's.
 *
 * @example
 * ```ts
 * isVppwatchAdvice(lookupCode(9650)!); // true
 * isVppwatchAdvice(lookupCode(9603)!); // false: Apple's own "minutes later, instead of seconds"
 * ```
 */
export function isVppwatchAdvice(entry: CatalogEntry): boolean {
  const basis = catalogBasis(entry).remediation;
  return basis === undefined || !isCitation(basis);
}

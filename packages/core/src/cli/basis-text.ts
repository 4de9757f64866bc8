import { isCitation } from '../catalog/entry-basis.js';
import { SOURCE_DOCUMENTS } from '../catalog/sources.js';
import type { CatalogEntry, FieldBasis } from '../catalog/types.js';

/** Whose word a remediation is, for a reader who must not take vppwatch's advice for the vendor's. */
export function adviceLabel(entry: CatalogEntry): string {
  const vendor = entry.api === 'ricloud' ? "Reincubate's" : "Apple's";
  return `vppwatch's advice, not ${vendor}`;
}

/** One line saying where a field comes from. */
export function describeBasis(basis: FieldBasis): string {
  if (isCitation(basis)) {
    const titles = basis.from.map((id) => SOURCE_DOCUMENTS[id].title).join(' and ');
    return basis.says === undefined ? titles : `${titles}: "${basis.says}"`;
  }
  if ('reported' in basis) return `not in the stored documents; reported by ${basis.reported}`;
  return `inferred: ${basis.inferred}`;
}

/** A short mark after a value no stored document supports. */
export function unsupportedMark(basis: FieldBasis | undefined): string {
  if (basis === undefined || isCitation(basis)) return '';
  return 'reported' in basis ? '  [not in the stored documents]' : '  [inferred]';
}

/** A field's basis as JSON: citations name their documents in full. */
export function basisJson(basis: FieldBasis): Record<string, unknown> {
  if (!isCitation(basis)) return { ...basis };
  return {
    documents: basis.from.map((id) => ({
      id,
      title: SOURCE_DOCUMENTS[id].title,
      url: SOURCE_DOCUMENTS[id].url,
    })),
    ...(basis.says === undefined ? {} : { says: basis.says }),
  };
}

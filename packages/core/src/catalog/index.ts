export { catalogBasis, isCitation, isVppwatchAdvice, unsupportedFields } from './entry-basis.js';
export { classifyHttpStatus } from './http-status.js';
export { CATALOG, KNOWN_ERROR_NUMBERS, lookupCode } from './lookup.js';
export type { CatalogMeaning } from './meaning.js';
export { SOURCE_DOCUMENTS, type SourceDocument } from './sources.js';
export type {
  CatalogApi,
  CatalogDelivery,
  CatalogEntry,
  CatalogField,
  CatalogVariant,
  Citation,
  FieldBasis,
  SourceDocumentId,
} from './types.js';
export { CATALOG_FIELDS } from './types.js';

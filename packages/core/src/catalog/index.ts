export { classifyHttpStatus } from './http-status.js';
export { CATALOG, KNOWN_ERROR_NUMBERS, lookupCode } from './lookup.js';
export type { CatalogMeaning } from './meaning.js';
export type { CatalogApi, CatalogDelivery, CatalogEntry } from './types.js';

export type { CatalogDiff, WordingDifference } from './catalog-diff.js';
export { diffWithCatalog, isEmptyDiff } from './catalog-diff.js';
export type { ListedCode, ListedCodes, ServiceConfigApi } from './listed-codes.js';
export { readListedCodes } from './listed-codes.js';

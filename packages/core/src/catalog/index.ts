export type { CatalogApi, CatalogDelivery, CatalogEntry } from './types.js';

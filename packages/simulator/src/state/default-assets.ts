import type { AssetSeed } from './types.js';

/** What a fresh organization owns unless `assets` says otherwise: an app, a device-assignable app, a book. */
export const DEFAULT_ASSETS: readonly AssetSeed[] = [
  { adamId: '361309726', pricingParam: 'STDQ', productType: 'App', totalCount: 10 },
  { adamId: '778658393', pricingParam: 'STDQ', productType: 'App', totalCount: 100 },
  {
    adamId: '1091189122',
    pricingParam: 'STDQ',
    productType: 'Book',
    totalCount: 5,
    deviceAssignable: false,
    revocable: false,
  },
];

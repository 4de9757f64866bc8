export type { DecodedResponse, RetryInfo, VppEngine, VppEngineOptions, VppFailure } from '@vppwatch/core';
export { createVppEngine, getDecodedOutcome, getRetryInfo, isVppError, VppError } from '@vppwatch/core';
export type { VppLegacyListing } from './pagination/legacy-pagination.js';
export { vppLegacyPagination } from './pagination/legacy-pagination.js';
export type { VppListing, VppPaginationOptions } from './pagination/v2-pagination.js';
export { vppPagination } from './pagination/v2-pagination.js';
export type { VppHooksOptions, VppRequestOptions } from './types.js';
export { VPP_CONTEXT_KEY } from './types.js';
export { vppHooks } from './vpp-hooks.js';

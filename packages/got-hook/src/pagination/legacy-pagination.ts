import { itemsOf, jsonBody } from './json-body.js';
import type { VppPaginationOptions } from './v2-pagination.js';

/** The legacy listings that page with `batchToken`. */
export type VppLegacyListing = 'users' | 'licenses';

/**
 * got `pagination` options for a legacy batch listing (`getVPPUsersSrv`, `getVPPLicensesSrv`): the next request
 * resends the same JSON body with the answer's `batchToken`; the walk ends on the batch without one (the batch
 * that carries `sinceModifiedToken`). A failed batch is retried with the same `batchToken`, as Apple asks.
 *
 * @example
 * ```ts
 * const users = await legacy.paginate.all(usersUrl, {
 *   method: 'POST', json: { sToken }, pagination: vppLegacyPagination('users'),
 * });
 * ```
 */
export function vppLegacyPagination<T = Record<string, unknown>>(
  listing: VppLegacyListing,
): VppPaginationOptions<T> {
  return {
    transform: (response) => itemsOf<T>(jsonBody(response.body), listing),
    paginate: ({ response }) => {
      const { batchToken } = jsonBody(response.body);
      if (typeof batchToken !== 'string' || batchToken === '') return false;
      const { json, body } = response.request.options;
      // got serializes `json` into `body` before sending (and clears `json` on some majors).
      const previous = typeof json === 'object' && json !== null ? json : jsonBody(body);
      return { json: { ...previous, batchToken } };
    },
  };
}

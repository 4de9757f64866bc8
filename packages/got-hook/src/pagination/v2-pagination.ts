import type { OptionsInit, Response } from 'got';
import { itemsOf, jsonBody } from './json-body.js';

/** The v2 listings that page with `pageIndex` / `nextPageIndex`. */
export type VppListing = 'assets' | 'users' | 'assignments';

/** The `pagination` part of got options for {@link vppPagination}. */
export interface VppPaginationOptions<T> {
  readonly transform: (response: Response) => T[];
  readonly paginate: (data: { readonly response: Response }) => OptionsInit | false;
}

/**
 * got `pagination` options for a v2 listing (`GET assets`, `users`, `assignments`): items come from the body's
 * array, the next page is `pageIndex=<nextPageIndex>`, and the walk ends on the page without `nextPageIndex`.
 * Each page goes through the hooks, so a throttled page is retried in place and the walk carries on.
 *
 * @example
 * ```ts
 * for await (const asset of apple.paginate('assets', { headers, pagination: vppPagination('assets') })) {
 *   console.log(asset.adamId);
 * }
 * ```
 */
export function vppPagination<T = Record<string, unknown>>(listing: VppListing): VppPaginationOptions<T> {
  return {
    transform: (response) => itemsOf<T>(jsonBody(response.body), listing),
    paginate: ({ response }) => {
      const next = jsonBody(response.body).nextPageIndex;
      if (typeof next !== 'number' || !Number.isInteger(next)) return false;
      return { searchParams: { pageIndex: next } };
    },
  };
}

import type { ExtendOptions } from 'got';
import { createHandler } from './handler.js';
import { afterResponse } from './hooks/after-response.js';
import { beforeError } from './hooks/before-error.js';
import { beforeRequest } from './hooks/before-request.js';
import { normalizeHooksOptions } from './normalize-options.js';
import { vppRetryOptions } from './retry-options.js';
import type { VppHooksOptions } from './types.js';

/**
 * Options for `got.extend()` that give a got instance vppwatch's handling of Apple VPP / Apps and Books errors:
 * typed `VppError`s, the shared engine's retries (carried out by got's own retry machinery), spans and metrics.
 * got appends hook arrays on `extend`, so your own hooks keep running; extend with these once per instance.
 *
 * @example
 * ```ts
 * import got from 'got';
 * import { createVppEngine } from '@vppwatch/core';
 * import { vppHooks } from '@vppwatch/got-hook';
 *
 * const engine = createVppEngine(); // share it with every client of the same tenants
 * const apple = got.extend({ prefixUrl: 'https://vpp.itunes.apple.com/mdm/v2/' }, vppHooks({ engine }));
 * const assets = await apple.get('assets', { headers: { authorization: `Bearer ${sToken}` } }).json();
 * ```
 */
export function vppHooks(options?: VppHooksOptions): ExtendOptions {
  const normalized = normalizeHooksOptions(options);
  return {
    handlers: [createHandler(normalized)],
    retry: vppRetryOptions(),
    hooks: {
      beforeRequest: [beforeRequest],
      afterResponse: [afterResponse],
      beforeError: [beforeError],
    },
  };
}

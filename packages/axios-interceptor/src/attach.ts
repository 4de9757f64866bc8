import { VppError } from '@vppwatch/core';
import type { AxiosRequestConfig } from 'axios';
import type { AxiosInstanceLike } from './axios-instance-like.js';
import type { VppInterceptorOptions } from './options.js';
import { normalizeInterceptorOptions } from './options.js';
import { createVppAdapter, isVppAdapter } from './vpp-adapter.js';

/**
 * Gives an existing axios instance typed VPP errors, coordinated backoff, spans and Prometheus metrics.
 *
 * Retries happen inside the instance's adapter, below your interceptors: an auth or logging interceptor runs
 * once per logical request, bodies are transformed once, headers stay as you set them. A legacy answer with
 * HTTP 200 and `status: -1`, or a v2 error body, rejects with a `VppError` (the axios error or response as `cause`).
 * axios `timeout` applies to each attempt; `config.vpp.deadlineMs` bounds them all; `config.signal` ends it at once.
 *
 * @returns `detach()`, which puts the instance's adapter back exactly as it was.
 * @example
 * ```ts
 * import axios from 'axios';
 * import { attachVppInterceptor, isVppError } from '@vppwatch/axios-interceptor';
 *
 * const client = axios.create({ baseURL: 'https://vpp.itunes.apple.com/mdm/v2' });
 * const detach = attachVppInterceptor(client); // or { engine } to share one engine between clients
 * try {
 *   await client.post('/assets/associate', body, { headers: { Authorization: `Bearer ${sToken}` } });
 * } catch (error) {
 *   if (isVppError(error)) console.error(error.code, error.errorNumber, error.retryClass);
 * }
 * detach();
 * ```
 */
export function attachVppInterceptor(
  instance: AxiosInstanceLike,
  options?: VppInterceptorOptions,
): () => void {
  // Any axios instance, whichever declarations typed it, has axios's defaults at run time.
  const defaults = instance.defaults as { adapter?: AxiosRequestConfig['adapter'] };
  if (isVppAdapter(defaults.adapter)) {
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message:
        'attachVppInterceptor: this axios instance already has vppwatch attached; call its detach() first',
    });
  }
  const normalized = normalizeInterceptorOptions(options);
  const hadOwnAdapter = Object.hasOwn(defaults, 'adapter');
  const previous = defaults.adapter;
  const state = { active: true };
  const vppAdapter = createVppAdapter(previous, normalized, state);
  defaults.adapter = vppAdapter;

  return function detach(): void {
    state.active = false;
    // Someone may have wrapped our adapter since; then theirs stays and ours only passes through.
    if (defaults.adapter !== vppAdapter) return;
    if (hadOwnAdapter) defaults.adapter = previous;
    else delete defaults.adapter;
  };
}

import type { AxiosInstanceLike } from './axios-instance-like.js';

/** Options of {@link axiosStatusPoller}. */
export interface AxiosStatusPollerOptions {
  /** Path of the status endpoint, relative to the instance's `baseURL` (default `status`, i.e. `…/mdm/v2/status`). */
  readonly path?: string;
  /** Extra headers per poll (e.g. `Authorization` when the instance has no default one). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A `poll` for core's `waitForEvent`, made of your axios instance: `GET status?eventId=…`, with the wait's
 * signal. Through an instance with vppwatch attached, each poll gets the engine's retries and telemetry.
 *
 * @example
 * ```ts
 * const outcome = await waitForEvent({ eventId, poll: axiosStatusPoller(client) });
 * ```
 */
export function axiosStatusPoller(
  instance: AxiosInstanceLike,
  options: AxiosStatusPollerOptions = {},
): (eventId: string, signal: AbortSignal) => Promise<unknown> {
  const path = options.path ?? 'status';
  const headers = options.headers === undefined ? undefined : { ...options.headers };
  return async (eventId, signal) => {
    const response = await instance.get(path, {
      params: { eventId },
      signal,
      ...(headers ? { headers } : {}),
      vpp: { operation: 'status_get' },
    });
    return response.data as unknown;
  };
}

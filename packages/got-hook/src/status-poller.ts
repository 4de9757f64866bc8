import type { Got } from 'got';
import { VPP_CONTEXT_KEY } from './types.js';

/** Options of {@link gotStatusPoller}. */
export interface GotStatusPollerOptions {
  /** Path of the status endpoint, relative to the client's `prefixUrl` (default `status`, i.e. `…/mdm/v2/status`). */
  readonly path?: string;
  /** Extra headers per poll (e.g. `authorization` when the client has no default one). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A `poll` for core's `waitForEvent`, made of your got client: `GET status?eventId=…` parsed as JSON, with the
 * wait's signal. Through a client extended with `vppHooks`, each poll gets the engine's retries and telemetry.
 *
 * @example
 * ```ts
 * const outcome = await waitForEvent({ eventId, poll: gotStatusPoller(client) });
 * ```
 */
export function gotStatusPoller(
  client: Got,
  options: GotStatusPollerOptions = {},
): (eventId: string, signal: AbortSignal) => Promise<unknown> {
  const path = options.path ?? 'status';
  const headers = options.headers === undefined ? undefined : { ...options.headers };
  return (eventId, signal) =>
    client
      .get(path, {
        searchParams: { eventId },
        signal,
        context: { [VPP_CONTEXT_KEY]: { operation: 'status_get' } },
        ...(headers ? { headers } : {}),
      })
      .json<unknown>();
}

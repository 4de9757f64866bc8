import type { RequestDescriptor } from '@vppwatch/core';
import type { InternalAxiosRequestConfig } from 'axios';

/**
 * Translates one axios request into the engine's {@link RequestDescriptor}. Nothing of `config` is copied
 * into telemetry here: the engine reads the tenant from the headers/body and keeps only a hash of it.
 */
export function describeRequest(
  config: InternalAxiosRequestConfig,
  url: string,
  signal: AbortSignal | undefined,
): RequestDescriptor {
  const vpp = config.vpp;
  const timeout = config.timeout;
  return {
    method: config.method ?? 'get',
    url,
    headers: config.headers,
    body: config.data,
    operation: vpp?.operation,
    idempotent: vpp?.idempotent,
    // A stream body is gone after the first attempt; resending it would send an empty or truncated request.
    retry: vpp?.retry === false || isStream(config.data) ? false : undefined,
    signal,
    deadlineMs: vpp?.deadlineMs,
    attemptTimeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : undefined,
    eventId: eventIdParam(config.params),
  };
}

/** `params: { eventId }` stays out of the URL axios hands us; a status poll's eventId may be there. */
function eventIdParam(params: unknown): string | undefined {
  if (params === undefined || params === null) return undefined;
  const value =
    params instanceof URLSearchParams ? params.get('eventId') : (params as { eventId?: unknown }).eventId;
  return typeof value === 'string' ? value : undefined;
}

function isStream(data: unknown): boolean {
  return typeof data === 'object' && data !== null && typeof (data as { pipe?: unknown }).pipe === 'function';
}

import type { RequestDescriptor } from '@vppwatch/core';
import type { Options } from 'got';
import type { NormalizedHooksOptions } from './normalize-options.js';
import { VPP_CONTEXT_KEY, type VppRequestOptions } from './types.js';

/** What the engine needs to know about a got request before its first attempt. Reads, never writes. */
export function describeRequest(options: Options, defaults: NormalizedHooksOptions): RequestDescriptor {
  const raw = options.context[VPP_CONTEXT_KEY];
  const perRequest = typeof raw === 'object' && raw !== null ? readRequestOptions(raw) : NONE;
  const deadlineMs = perRequest.deadlineMs ?? defaults.deadlineMs;
  // Built by assignment, not spreads: a request without per-request options allocates one object.
  const descriptor: { -readonly [K in keyof RequestDescriptor]: RequestDescriptor[K] } = {
    method: options.method,
    url: String(options.url ?? ''),
    headers: options.headers,
    // The JSON body is still an object here (got serializes it later); a legacy sToken in it names the tenant.
    body: options.json ?? options.body,
  };
  if (perRequest.operation !== undefined) descriptor.operation = perRequest.operation;
  if (perRequest.idempotent !== undefined) descriptor.idempotent = perRequest.idempotent;
  if (perRequest.retry !== undefined) descriptor.retry = perRequest.retry;
  if (options.signal instanceof AbortSignal) descriptor.signal = options.signal;
  if (deadlineMs !== undefined) descriptor.deadlineMs = deadlineMs;
  return descriptor;
}

const NONE: VppRequestOptions = {};

function readRequestOptions(value: object): VppRequestOptions {
  const raw = value as Record<string, unknown>;
  return {
    ...(typeof raw.operation === 'string' ? { operation: raw.operation } : {}),
    ...(typeof raw.idempotent === 'boolean' ? { idempotent: raw.idempotent } : {}),
    ...(typeof raw.retry === 'boolean' ? { retry: raw.retry } : {}),
    ...(typeof raw.deadlineMs === 'number' ? { deadlineMs: raw.deadlineMs } : {}),
  };
}

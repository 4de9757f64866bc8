import type { RequestDescriptor } from '@vppwatch/core';
import type { Options } from 'got';
import type { NormalizedHooksOptions } from './normalize-options.js';
import { VPP_CONTEXT_KEY, type VppRequestOptions } from './types.js';

/** What the engine needs to know about a got request before its first attempt. Reads, never writes. */
export function describeRequest(options: Options, defaults: NormalizedHooksOptions): RequestDescriptor {
  const perRequest = readRequestOptions(options.context[VPP_CONTEXT_KEY]);
  const deadlineMs = perRequest.deadlineMs ?? defaults.deadlineMs;
  return {
    method: options.method,
    url: String(options.url ?? ''),
    headers: options.headers,
    // The JSON body is still an object here (got serializes it later); a legacy sToken in it names the tenant.
    body: options.json ?? options.body,
    ...(perRequest.operation === undefined ? {} : { operation: perRequest.operation }),
    ...(perRequest.idempotent === undefined ? {} : { idempotent: perRequest.idempotent }),
    ...(perRequest.retry === undefined ? {} : { retry: perRequest.retry }),
    ...(options.signal instanceof AbortSignal ? { signal: options.signal } : {}),
    ...(deadlineMs === undefined ? {} : { deadlineMs }),
  };
}

function readRequestOptions(value: unknown): VppRequestOptions {
  if (typeof value !== 'object' || value === null) return {};
  const raw = value as Record<string, unknown>;
  return {
    ...(typeof raw.operation === 'string' ? { operation: raw.operation } : {}),
    ...(typeof raw.idempotent === 'boolean' ? { idempotent: raw.idempotent } : {}),
    ...(typeof raw.retry === 'boolean' ? { retry: raw.retry } : {}),
    ...(typeof raw.deadlineMs === 'number' ? { deadlineMs: raw.deadlineMs } : {}),
  };
}

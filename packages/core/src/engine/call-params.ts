import { VppError } from '../errors/vpp-error.js';
import { checkedOperation, operationOf } from '../telemetry/operation.js';
import { checkMs, type EnginePolicy } from './normalize-options.js';
import { tenantKeyOf } from './tenant-key.js';
import type { RequestDescriptor } from './types.js';

/** A request descriptor read once: what the call needs, and nothing secret. */
export interface CallParams {
  readonly method: string;
  readonly operation: string;
  readonly tenant: string;
  readonly serverAddress: string | null;
  readonly serverPort: number | null;
  readonly idempotent: boolean;
  readonly retry: boolean;
  readonly signal: AbortSignal | undefined;
  readonly deadlineMs: number | null;
  readonly attemptTimeoutMs: number | null;
}

function server(url: string): { address: string | null; port: number | null } {
  try {
    const parsed = new URL(url);
    const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'http:' ? 80 : 443;
    return { address: parsed.hostname, port };
  } catch {
    return { address: null, port: null };
  }
}

/** Validates a request descriptor and derives the call's parameters (tenant hash, operation, limits). */
export function callParamsOf(request: RequestDescriptor, policy: EnginePolicy): CallParams {
  if (typeof request !== 'object' || request === null || typeof request.method !== 'string') {
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: 'Invalid request: method must be a string',
    });
  }
  if (typeof request.url !== 'string') {
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: 'Invalid request: url must be a string',
    });
  }
  const method = request.method.toUpperCase();
  const { address, port } = server(request.url);
  const deadline =
    request.deadlineMs === undefined ? policy.deadlineMs : checkMs('deadlineMs', request.deadlineMs, 0, true);
  const attemptTimeout =
    request.attemptTimeoutMs === undefined
      ? policy.attemptTimeoutMs
      : checkMs('attemptTimeoutMs', request.attemptTimeoutMs, 0, true);
  return {
    method,
    operation:
      request.operation !== undefined
        ? checkedOperation(request.operation)
        : operationOf(method, request.url),
    tenant: tenantKeyOf(request),
    serverAddress: address,
    serverPort: port,
    idempotent: request.idempotent === true,
    retry: request.retry !== false,
    signal: request.signal,
    deadlineMs: deadline,
    attemptTimeoutMs: attemptTimeout,
  };
}

import { VppError } from '../../errors/vpp-error.js';
import { checkedOperation } from '../../telemetry/operation.js';
import { checkDuration } from '../policy/check-option.js';
import { DEFAULT_DEADLINE_MS, type EnginePolicy } from '../policy/engine-policy.js';
import { tenantKeyFor } from '../tenant/tenant-key.js';
import { eventIdOf } from './event-id.js';
import type { RequestDescriptor } from './types.js';
import { operationIn, urlFactsOf } from './url-facts.js';

/** A request descriptor read once: what the call needs, and nothing secret. */
export interface CallParams {
  readonly method: string;
  /** The URL as requested (for the span's redacted `url.full`). */
  readonly url: string;
  readonly operation: string;
  readonly tenant: string;
  readonly serverAddress: string | null;
  readonly serverPort: number | null;
  readonly idempotent: boolean;
  readonly retry: boolean;
  readonly signal: AbortSignal | undefined;
  /** The caller's deadline (request or engine option): a timer aborts the call at it. */
  readonly deadlineMs: number | null;
  /** No retry or wait is scheduled past this many ms after the call began (the caller's deadline, or the default). */
  readonly retryDeadlineMs: number;
  readonly attemptTimeoutMs: number | null;
  /** The eventId a status poll asks about (`status?eventId=`), else null. */
  readonly eventId: string | null;
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
  const facts = urlFactsOf(request.url);
  const { address, port, host } = facts.origin;
  const deadline =
    request.deadlineMs === undefined ? policy.deadlineMs : checkDuration('deadlineMs', request.deadlineMs, 0);
  const attemptTimeout =
    request.attemptTimeoutMs === undefined
      ? policy.attemptTimeoutMs
      : checkDuration('attemptTimeoutMs', request.attemptTimeoutMs, 0);
  const operation =
    request.operation !== undefined
      ? checkedOperation(request.operation)
      : operationIn(facts, method, request.url);
  return {
    method,
    url: request.url,
    operation,
    tenant: tenantKeyFor(host, request),
    serverAddress: address,
    serverPort: port,
    idempotent: request.idempotent === true,
    retry: request.retry !== false,
    signal: request.signal,
    deadlineMs: deadline,
    retryDeadlineMs: deadline ?? DEFAULT_DEADLINE_MS,
    attemptTimeoutMs: attemptTimeout,
    eventId: operation === 'status_get' ? eventIdOf(request) : null,
  };
}

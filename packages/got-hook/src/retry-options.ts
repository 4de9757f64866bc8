import type { CallDecision } from '@vppwatch/core';
import type { RetryObject, RetryOptions } from 'got';
import { asError } from './as-error.js';
import type { CallState } from './call-state.js';
import { callStateOf } from './call-state.js';
import { readAttempt } from './read-attempt.js';
import { isTransportError } from './transport-error.js';

const everyMethod = ['GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'];
const everyStatus = Array.from({ length: 500 }, (_, index) => index + 100);
const everyErrorCode = [
  'ETIMEDOUT',
  'ECONNRESET',
  'EADDRINUSE',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'ERR_GOT_REQUEST_ERROR',
  'ERR_VPP_ATTEMPT_FAILED',
];

/**
 * got's retry engine, with every rule of its own switched off or widened so it never decides: the only thing
 * that says "retry" is `calculateDelay`, which carries out the engine's decision (0 = stop). got keeps what it
 * does well: `retryCount`, `beforeRetry` hooks, a fresh request per attempt, re-sending the body.
 */
export function vppRetryOptions(): Partial<RetryOptions> {
  return {
    limit: Number.POSITIVE_INFINITY,
    methods: [...everyMethod] as RetryOptions['methods'],
    statusCodes: [...everyStatus],
    errorCodes: [...everyErrorCode],
    // got would refuse a long Retry-After itself (its default is `timeout.request`); the engine decides instead.
    maxRetryAfter: Number.POSITIVE_INFINITY,
    backoffLimit: Number.POSITIVE_INFINITY,
    noise: 0,
    // got 14 defaults to false, got 15+ to true. False means calculateDelay is asked about every failure.
    enforceRetryRules: false,
    calculateDelay,
  };
}

async function calculateDelay({ error }: RetryObject): Promise<number> {
  // A user's afterResponse hook asked for a retry with new options (the token-refresh pattern): honour it.
  if (error.name === 'RetryError') return 1;
  const state = callStateOf(error.options);
  if (state === null) return 0;
  const decision = decide(state, error);
  state.pending = null;
  state.last = decision;
  if (decision.action !== 'retry') return 0;
  // The engine sits out the delay (see the README, "Who waits"); got then retries at once. got reads 0 as
  // "stop", so "at once" is its smallest timer.
  try {
    await state.call.wait(decision.delayMs);
  } catch (reason) {
    state.refusal = asError(reason);
    throw state.refusal;
  }
  return 1;
}

function decide(state: CallState, error: RetryObject['error']): CallDecision {
  if (state.refusal !== null) return { action: 'reject', error: state.refusal };
  if (state.pending !== null) return state.pending;
  // Refused, reset or timed out, even after the headers came (a ReadError in the middle of the body): the body
  // was lost, so it is a network failure whatever the status said.
  if (isTransportError(error)) return state.call.onError(error);
  // got's HTTPError for a non-2xx, or any error that still came with a whole response (a body that failed to parse).
  if (error.response !== undefined) return state.call.onResult(readAttempt(error.response), error);
  // Not an attempt that failed (invalid options, a hook that threw): nothing to retry, the call ends with it.
  return { action: 'reject', error };
}

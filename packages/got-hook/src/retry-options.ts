import type { CallDecision } from '@vppwatch/core';
import type { RetryObject, RetryOptions } from 'got';
import { asError } from './as-error.js';
import type { CallState } from './call-state.js';
import { callStateOf } from './call-state.js';
import { readAttempt } from './read-attempt.js';
import { isTransportError } from './transport-error.js';

/**
 * got's retry engine with its own rules switched off, so it never decides: `enforceRetryRules: false` makes got
 * ask `calculateDelay` about every failure whatever its rules say (the peer range starts at got 14.5, which has it),
 * and `calculateDelay` carries out the engine's decision (0 = stop). got keeps what it does well: `retryCount`,
 * `beforeRetry` hooks, a fresh request per attempt, re-sending the body.
 *
 * The method, status and error-code lists only feed got's own `computedValue`, which `calculateDelay` ignores, so
 * they are empty: got copies them into every request's options, and a list of every status code (100 to 599) cost
 * about 2 KB and a few thousand instructions per request (bench/README.md, "Findings").
 */
export function vppRetryOptions(): Partial<RetryOptions> {
  return {
    limit: Number.POSITIVE_INFINITY,
    methods: [],
    statusCodes: [],
    errorCodes: [],
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

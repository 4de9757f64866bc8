import { isVppError } from '@vppwatch/core';
import type { CallState } from './call-state.js';
import { isTransportError } from './transport-error.js';

const finalErrors = new WeakMap<CallState, Error>();

/** True for got's own errors (RequestError and its subclasses, from got 14 to 16), which carry `options`. */
export function isGotError(error: unknown): error is Error & { readonly options: unknown } {
  return error instanceof Error && typeof (error as { options?: unknown }).options === 'object';
}

/**
 * The error a logical request rejects with, given the error got ended it with. Memoized, so `beforeError` and
 * the handler hand the caller the same object.
 */
export function finalErrorOf(state: CallState, error: unknown): unknown {
  // Ours already, or a user's hook replaced got's error with its own: theirs wins.
  if (isVppError(error) || !isGotError(error)) return error;
  const known = finalErrors.get(state);
  if (known !== undefined) return known;
  const final = pickFinalError(state, error);
  if (final instanceof Error) finalErrors.set(state, final);
  return final;
}

function pickFinalError(state: CallState, error: Error): unknown {
  if (state.refusal !== null) return state.refusal;
  const decision = state.last;
  if (decision?.action === 'reject') return decision.error;
  if (decision?.action === 'resolve') return error;
  // The request ended outside got's retry flow: an abort or a destroy, mid-attempt or mid-backoff.
  if (!isTransportError(error)) return error;
  const verdict = state.call.onError(error);
  return verdict.action === 'reject' ? verdict.error : error;
}

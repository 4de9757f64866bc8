import type { CallDecision, LogicalCall } from '@vppwatch/core';

/** What the hooks know about one logical request (all of its attempts). */
export interface CallState {
  readonly call: LogicalCall;
  /** The decision for the attempt in progress, made in `afterResponse`, consumed by `calculateDelay`. */
  pending: CallDecision | null;
  /** The last decision taken; after the final attempt, the one that ends the call. */
  last: CallDecision | null;
  /** Set when the engine refused to go on (the gate said no, a wait was aborted): that error ends the call. */
  refusal: Error | null;
}

// got builds a fresh Options object for every attempt (a clone of the previous one), and a clone keeps only what
// lives in the options. The only per-request slot got carries over, and copies rather than shares with the
// caller, is `context`: the state rides in it under a symbol (a spread copies symbol keys; JSON never shows them).
const kState = Symbol('vppwatch.got.call');

/** got's per-request options (`Options` in got 14 to 16, `NormalizedOptions` in hooks): only `context` is read. */
type GotOptions = { readonly context: object };

export function createCallState(options: GotOptions, call: LogicalCall): CallState {
  const state: CallState = { call, pending: null, last: null, refusal: null };
  (options.context as Record<symbol, unknown>)[kState] = state;
  return state;
}

/** The state of the logical request `options` belongs to, or null for a request our handler never saw. */
export function callStateOf(options: GotOptions | undefined): CallState | null {
  if (options === undefined) return null;
  // Only this module knows the symbol, so whatever sits under it is a CallState.
  const state = (options.context as Record<symbol, CallState | undefined>)[kState];
  return state ?? null;
}

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
// caller, is `context`: it gets an opaque link, and the state itself stays in this WeakMap.
const kLink = Symbol('vppwatch.got.call');
const statesByLink = new WeakMap<object, CallState>();
const statesByOptions = new WeakMap<object, CallState>();

/** got's per-request options (`Options` in got 14 to 16, `NormalizedOptions` in hooks): only `context` is read. */
type GotOptions = { readonly context: object };

export function createCallState(options: GotOptions, call: LogicalCall): CallState {
  const state: CallState = { call, pending: null, last: null, refusal: null };
  const link = Object.freeze({});
  statesByLink.set(link, state);
  statesByOptions.set(options, state);
  (options.context as Record<symbol, unknown>)[kLink] = link;
  return state;
}

/** The state of the logical request `options` belongs to, or null for a request our handler never saw. */
export function callStateOf(options: GotOptions | undefined): CallState | null {
  if (options === undefined) return null;
  const known = statesByOptions.get(options);
  if (known !== undefined) return known;
  const link = (options.context as Record<symbol, unknown>)[kLink];
  const state = typeof link === 'object' && link !== null ? statesByLink.get(link) : undefined;
  if (state === undefined) return null;
  statesByOptions.set(options, state);
  return state;
}

import type { CallDecision } from '@vppwatch/core';
import type { HandlerFunction, Options, Response } from 'got';
import { type CallState, createCallState } from './call-state.js';
import { describeRequest } from './describe-request.js';
import { finalErrorOf } from './final-error.js';
import type { NormalizedHooksOptions } from './normalize-options.js';

/**
 * The got handler that makes one logical call of each `got()` call: it begins the call, keeps its span active
 * while got runs (so instrumentation-http's attempt spans nest under it), and ends it with the final outcome.
 * Streams pass through untouched: a consumed stream body cannot be replayed.
 */
export function createHandler(defaults: NormalizedHooksOptions): HandlerFunction {
  const handler = (
    options: Options | undefined,
    next: (options: Options | undefined) => unknown,
  ): unknown => {
    // got hands handlers `undefined` when the options themselves were invalid; it rejects with its own error.
    if (options === undefined || options.isStream) return next(options);
    const call = defaults.engine.begin(describeRequest(options, defaults));
    const state = createCallState(options, call);
    return call.runInSpan(() => {
      const pending = send(next, options);
      return withGotPromiseMethods(settle(state, options, pending), pending);
    });
  };
  // got types handlers as generic over its return types; this one returns what `next` returns, or a promise of it.
  return handler as HandlerFunction;
}

function send(next: (options: Options) => unknown, options: Options): unknown {
  try {
    return next(options);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Gives the promise we return got's own promise methods (`json()`, `text()`, `buffer()`, `on()`) by plain
 * assignment. got copies them itself when a handler returns another promise, but through property descriptors,
 * which cost more instructions than all the rest of our per-request work (bench/README.md, "Findings"); it
 * skips keys the promise already has. got's `json()` awaits `this`, so it still awaits our promise.
 */
function withGotPromiseMethods(result: Promise<unknown>, gotPromise: unknown): Promise<unknown> {
  if (typeof gotPromise !== 'object' || gotPromise === null) return result;
  const source = gotPromise as Record<string, unknown>;
  const target = result as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === 'function') target[key] = value;
  }
  return result;
}

/**
 * The call's outcome, from got's: one `then` on got's promise (a PCancelable, not a native promise). Awaiting it
 * inside an async function would cost a thenable job and a second promise per request.
 */
function settle(state: CallState, options: Options, pending: unknown): Promise<unknown> {
  const onResult = (result: unknown): unknown => settleResult(state, result);
  const onError = (error: unknown): unknown => settleRejection(state, options, error);
  const settled = isThenable(pending)
    ? pending.then(onResult, onError)
    : Promise.resolve(pending).then(onResult, onError);
  // got's `then` hands back its inner native promise; any other thenable is adopted.
  return settled instanceof Promise ? settled : Promise.resolve(settled);
}

function settleResult(state: CallState, result: unknown): unknown {
  const decision = finalDecision(state);
  // `throwHttpErrors: false` makes got resolve a failed call; an Apple failure still rejects.
  if (decision?.action === 'reject') {
    state.call.finish({ error: decision.error });
    throw decision.error;
  }
  state.call.finish(typeof result === 'object' && result !== null ? { result } : {});
  return result;
}

function settleRejection(state: CallState, options: Options, error: unknown): unknown {
  const decision = finalDecision(state);
  const response = (error as { response?: Response }).response;
  // An Apple answer the engine accepts (idempotent_ok) can come with a 4xx, which got has already thrown.
  if (decision?.action === 'resolve' && response !== undefined && isHttpError(error)) {
    state.call.finish({ result: response });
    return options.resolveBodyOnly ? response.body : response;
  }
  const final = finalErrorOf(state, error);
  state.call.finish({ error: final });
  throw final;
}

function finalDecision(state: CallState): CallDecision | null {
  return state.pending ?? state.last;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isHttpError(error: unknown): boolean {
  return error instanceof Error && error.name === 'HTTPError';
}

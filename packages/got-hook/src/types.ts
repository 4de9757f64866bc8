import type { VppEngine, VppEngineOptions } from '@vppwatch/core';

/**
 * The key under got's per-request `context` where {@link VppRequestOptions} are read.
 *
 * @example
 * ```ts
 * await client.get('assets', { context: { [VPP_CONTEXT_KEY]: { retry: false } } });
 * ```
 */
export const VPP_CONTEXT_KEY = 'vppwatch';

/**
 * Per-request knobs, passed through got's own `context` option under {@link VPP_CONTEXT_KEY}.
 *
 * @example
 * ```ts
 * await client.post('users/create', { json, context: { vppwatch: { idempotent: true } } });
 * ```
 */
export interface VppRequestOptions {
  /** Operation name for telemetry (`users_create`, …); derived from the URL when absent. */
  readonly operation?: string;
  /** You vouch that sending this request twice is safe: lets the engine retry POSTs after ambiguous failures. */
  readonly idempotent?: boolean;
  /** `false` turns retries off for this request; decoding, typed errors and telemetry stay on. @default true */
  readonly retry?: boolean;
  /** Overall budget for all attempts and waits of this request, in ms. Overrides {@link VppHooksOptions.deadlineMs}. */
  readonly deadlineMs?: number;
}

/**
 * Options for `vppHooks`: a shared `engine`, or the options of a private one (the same shape as the axios
 * adapter's), plus a default overall deadline per request.
 *
 * @example
 * ```ts
 * const engine = createVppEngine({ metrics: { registry } });
 * const client = got.extend(vppHooks({ engine, deadlineMs: 120_000 }));
 * // or, with a private engine:
 * const solo = got.extend(vppHooks({ metrics: { registry }, maxAttempts: 5 }));
 * ```
 */
export interface VppHooksOptions extends VppEngineOptions {
  /**
   * The engine that decides every retry. Share one across got instances (and with the axios adapter) so that a
   * tenant's backoff gate and retry budget are shared too. When absent, a private engine is created from the
   * other options.
   */
  readonly engine?: VppEngine;
  /** Default overall budget per request, in ms (see {@link VppRequestOptions.deadlineMs}). @default none */
  readonly deadlineMs?: number;
}

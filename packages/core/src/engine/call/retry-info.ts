import type { DecodedResponse } from '../../decode/types.js';
import type { RetryInfo } from '../../shared/call-outcome.js';

/** One entry per finished call: a single WeakMap write on the success path. */
const outcomes = new WeakMap<
  object,
  { readonly info: RetryInfo; readonly decoded: DecodedResponse | null }
>();

/** Records a finished call's summary against its response or error, without touching the object itself. */
export function attachOutcome(target: unknown, info: RetryInfo, decoded: DecodedResponse | null): void {
  if (typeof target !== 'object' || target === null) return;
  // A later call without a decoded answer keeps the earlier one (the same error can end two calls).
  outcomes.set(target, { info, decoded: decoded ?? outcomes.get(target)?.decoded ?? null });
}

/**
 * How many attempts and how much waiting a response or error took; undefined for objects the engine never saw.
 *
 * @example
 * ```ts
 * const response = await client.get('/mdm/v2/assets');
 * getRetryInfo(response)?.attempts; // 1 when no retry was needed
 * ```
 */
export function getRetryInfo(responseOrError: unknown): RetryInfo | undefined {
  return typeof responseOrError === 'object' && responseOrError !== null
    ? outcomes.get(responseOrError)?.info
    : undefined;
}

/**
 * The decoded Apple answer behind a response the engine resolved (success, partial, or idempotent_ok).
 *
 * @example
 * ```ts
 * const decoded = getDecodedOutcome(response);
 * if (decoded?.outcome === 'partial') reportItems(decoded.failures);
 * ```
 */
export function getDecodedOutcome(response: unknown): DecodedResponse | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  return outcomes.get(response)?.decoded ?? undefined;
}

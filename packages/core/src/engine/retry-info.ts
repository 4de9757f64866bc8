import type { DecodedResponse } from '../decode/types.js';
import type { RetryInfo } from './types.js';

const retryInfos = new WeakMap<object, RetryInfo>();
const decodedOutcomes = new WeakMap<object, DecodedResponse>();

/** Records a finished call's summary against its response or error, without touching the object itself. */
export function attachOutcome(target: unknown, info: RetryInfo, decoded: DecodedResponse | null): void {
  if (typeof target !== 'object' || target === null) return;
  retryInfos.set(target, info);
  if (decoded !== null) decodedOutcomes.set(target, decoded);
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
    ? retryInfos.get(responseOrError)
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
  return typeof response === 'object' && response !== null ? decodedOutcomes.get(response) : undefined;
}

import { createVppEngine, type VppEngineOptions } from '@vppwatch/core';

/** An engine with millisecond backoff bases, so retries that the server does not pace are quick. */
export function fastEngine(options: VppEngineOptions = {}) {
  return createVppEngine({
    baseDelayMs: { transient: 2, throttled: 2, retry_later: 2 },
    metrics: false,
    tracing: false,
    ...options,
  });
}

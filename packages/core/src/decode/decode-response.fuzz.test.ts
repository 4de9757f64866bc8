import { describe, expect, it } from 'vitest';
import { isRetryClass } from '../catalog/retry-class.js';
import { vppErrorFromDecoded } from '../errors/from-decoded.js';
import { decodeUnguarded } from './decode-response.js';
import { fuzzInput, prng } from './test-support/fuzz-input.js';
import { isValidEpochMs, MAX_RETRY_AFTER_MS } from './time-bounds.js';
import type { DecodedResponse } from './types.js';

// 1,000,000 inputs in CI-sized batches, each batch replayable from its seed. An input counts as a throw when the
// decoder throws without its last line of defence, when the answer breaks an invariant, or when turning it into a
// VppError and serializing that throws.
const BATCHES = Number(process.env.FUZZ_BATCHES ?? 10);
const PER_BATCH = 100_000;

function problemWith(decoded: DecodedResponse): string | null {
  if (decoded.outcome !== 'success' && decoded.outcome !== 'failure' && decoded.outcome !== 'partial')
    return 'outcome';
  if ((decoded.retryClass === null) !== (decoded.failures.length === 0)) return 'retryClass vs failures';
  if (decoded.retryClass !== null && !isRetryClass(decoded.retryClass)) return 'retryClass';
  const wait = decoded.retryAfterMs;
  if (wait !== null && !(Number.isInteger(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_MS))
    return 'retryAfterMs';
  if (decoded.tokenExpiresAt !== null && !isValidEpochMs(decoded.tokenExpiresAt)) return 'tokenExpiresAt';
  if (decoded.httpStatus !== null && decoded.httpStatus >= 400 && decoded.failures.length === 0)
    return 'error status without failure';
  return null;
}

describe('decoder fuzz: 1M mutated answers, 0 throws', () => {
  it.each(Array.from({ length: BATCHES }, (_, batch) => batch))(
    `batch %i of ${BATCHES} (${PER_BATCH.toLocaleString('en')} inputs)`,
    (batch) => {
      const seed = 0x5eed0000 + batch;
      const rand = prng(seed);
      const throws: string[] = [];
      let failures = 0;
      // Stack traces are what an Error costs most; none is needed to see whether anything throws.
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      for (let i = 0; i < PER_BATCH; i++) {
        const input = fuzzInput(rand);
        try {
          const decoded = decodeUnguarded(input as never);
          const problem = problemWith(decoded);
          if (problem !== null) throws.push(`input ${i}: ${problem}`);
          if (decoded.failures.length > 0) {
            failures++;
            const error = vppErrorFromDecoded(decoded, { retryAt: Date.now() + (decoded.retryAfterMs ?? 0) });
            JSON.stringify(error);
            if (error.retryAt !== null) new Date(error.retryAt).toISOString();
          }
        } catch (error) {
          throws.push(`input ${i}: ${String(error)}`);
        }
        if (throws.length >= 5) break;
      }
      Error.stackTraceLimit = stackTraceLimit;
      expect(throws, `seed ${seed}`).toEqual([]);
      // The mutations reach the failure paths, not only successes.
      expect(failures).toBeGreaterThan(PER_BATCH / 10);
    },
  );
});

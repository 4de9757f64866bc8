import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRetryClass } from '../catalog/retry-class.js';
import { decodeResponse } from './decode-response.js';
import type { DecodedResponse } from './types.js';

const status = fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constant(null), fc.anything());
const headers = fc.oneof(
  fc.dictionary(
    fc.constantFrom('retry-after', 'Retry-After', 'date', 'Date', 'x'),
    fc.oneof(fc.string(), fc.anything()),
  ),
  fc.anything(),
);
const body = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
  fc.json(),
  fc.record(
    {
      status: fc.oneof(fc.constantFrom(0, -1, -3), fc.anything()),
      errorNumber: fc.oneof(fc.integer(), fc.string(), fc.anything()),
      errorMessage: fc.anything(),
      associations: fc.anything(),
      failures: fc.anything(),
      notification: fc.anything(),
      error: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

function expectWellFormed(d: DecodedResponse): void {
  expect(['success', 'failure', 'partial']).toContain(d.outcome);
  expect(d.retryClass === null || isRetryClass(d.retryClass)).toBe(true);
  expect(d.retryClass === null).toBe(d.failures.length === 0);
  for (const f of d.failures) expect(isRetryClass(f.retryClass)).toBe(true);
  if (d.retryAfterMs !== null) expect(d.retryAfterMs).toBeGreaterThanOrEqual(0);
  if (d.httpStatus !== null && d.httpStatus >= 400) expect(d.failures.length).toBeGreaterThan(0);
}

describe('decodeResponse never throws', () => {
  it('for arbitrary input objects', () => {
    fc.assert(
      fc.property(status, headers, body, (s, h, b) => {
        expectWellFormed(decodeResponse({ status: s, headers: h, body: b } as never));
      }),
      { numRuns: 500 },
    );
  });

  it('for anything at all in place of the input and options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (input, options) => {
        expectWellFormed(decodeResponse(input as never, options as never));
      }),
      { numRuns: 300 },
    );
  });
});

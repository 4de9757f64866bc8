import { describe, expect, it } from 'vitest';
import { decodeResponse } from './decode-response.js';
import { mostSevereRetryClass, RETRY_CLASS_SEVERITY } from './severity.js';

describe('decodeResponse: unknown and missing codes', () => {
  it('keeps an unknown code, classified from the HTTP status', () => {
    const d = decodeResponse({ status: 503, body: { errorNumber: 9999, errorMessage: 'new thing' } });
    expect(d.failures[0]).toMatchObject({
      code: 9999,
      known: false,
      retryClass: 'transient',
      serverMessage: 'new thing',
    });
    expect(d.failures[0]?.message).not.toContain('new thing');
  });

  it('classifies an unknown code on HTTP 200 as unknown', () => {
    const d = decodeResponse({ status: 200, body: { errorNumber: '9998', errorMessage: 'x' } });
    expect(d).toMatchObject({ outcome: 'failure', retryClass: 'unknown' });
    expect(d.failures[0]?.code).toBe(9998);
  });

  it('reads numeric-string codes as numbers', () => {
    expect(decodeResponse({ body: { errorNumber: '9646', errorMessage: '' } }).retryClass).toBe('throttled');
  });

  it('turns an HTTP error with an empty or unrelated body into one failure from the status', () => {
    for (const body of [undefined, '', { data: [] }, [1, 2]]) {
      const d = decodeResponse({ status: 429, body });
      expect(d.failures).toEqual([
        expect.objectContaining({ code: null, retryClass: 'throttled', httpStatus: 429 }),
      ]);
    }
  });

  it('calls a 2xx with a plain body a success', () => {
    const d = decodeResponse({ status: 200, body: { assets: [], currentPageIndex: 0 } });
    expect(d).toMatchObject({ outcome: 'success', format: 'unrecognized', failures: [], retryClass: null });
  });

  it('does not trust a non-code-shaped string as a code', () => {
    const d = decodeResponse({ status: 400, body: { errorNumber: 'user@example.com' } });
    expect(d.failures[0]?.code).toBeNull();
  });
});

describe('decodeResponse: formats', () => {
  it('legacy status 0 is a success and carries expirationMillis', () => {
    const d = decodeResponse({ status: 200, body: { status: 0, expirationMillis: 1_900_000_000_000 } });
    expect(d).toMatchObject({ outcome: 'success', format: 'legacy', tokenExpiresAt: 1_900_000_000_000 });
  });

  it('v2 ErrorResponse carries errorInfo entities', () => {
    const d = decodeResponse({
      status: 400,
      body: { errorNumber: 9705, errorMessage: 'dup', errorInfo: { serialNumbers: ['S1', 'S1'] } },
    });
    expect(d.failures[0]?.entities?.serialNumbers).toEqual(['S1', 'S1']);
  });

  it('a status response with completions and failures is partial', () => {
    const d = decodeResponse({
      status: 200,
      body: {
        eventStatus: 'COMPLETE',
        numCompleted: 3,
        failures: [{ errorNumber: 9603, errorMessage: 'x' }],
      },
    });
    expect(d).toMatchObject({ outcome: 'partial', format: 'v2-status', retryClass: 'transient' });
  });

  it('a pending status is a success with its eventStatus', () => {
    const d = decodeResponse({ status: 200, body: { eventStatus: 'PENDING', numCompleted: 0 } });
    expect(d).toMatchObject({ outcome: 'success', eventStatus: 'PENDING' });
  });

  it('a successful notification has no failure', () => {
    const d = decodeResponse({ body: { notification: { result: 'SUCCESS', assignments: [] } } });
    expect(d).toMatchObject({ outcome: 'success', format: 'notification', eventStatus: 'SUCCESS' });
  });

  it('a failed riCloud session resource is an event failure', () => {
    const d = decodeResponse({ status: 200, body: { id: 's1', state: 'failed', error: 'code-required' } });
    expect(d.failures[0]).toMatchObject({ code: 'code-required', source: 'event', retryClass: 'state' });
  });

  it('the most severe failure decides the class', () => {
    const d = decodeResponse({
      status: 200,
      body: {
        status: -3,
        associations: [
          { clientUserIdStr: 'a', errorNumber: 9616 },
          { clientUserIdStr: 'b', errorNumber: 9622 },
          { clientUserIdStr: 'c', errorNumber: 9603 },
        ],
      },
    });
    expect(d.retryClass).toBe('auth_fatal');
  });
});

describe('severity order', () => {
  it('covers every retry class once', () => {
    expect(new Set(RETRY_CLASS_SEVERITY).size).toBe(11);
  });

  it('puts auth_fatal first and idempotent_ok last', () => {
    expect(mostSevereRetryClass(['idempotent_ok', 'transient', 'throttled'])).toBe('throttled');
    expect(mostSevereRetryClass(['client_fatal', 'auth_fatal'])).toBe('auth_fatal');
    expect(mostSevereRetryClass([])).toBeNull();
  });
});

describe('a 2xx whose body is not JSON is a transient failure, not a success', () => {
  it.each([
    ['an HTML page', '<html><body>Service temporarily unavailable</body></html>'],
    ['JSON cut off in a string', '{"assets":[{"adamId":"361309726","pricingPar'],
    ['JSON cut off at an inner brace', '{"assets":[{"adamId":"1"}],"page":{"n":1}'],
    ['plain text', 'OK'],
  ])('%s', (_what, body) => {
    const decoded = decodeResponse({ status: 200, body });
    expect(decoded).toMatchObject({ outcome: 'failure', format: 'unrecognized', retryClass: 'transient' });
    expect(decoded.failures).toHaveLength(1);
    expect(decoded.failures[0]).toMatchObject({ code: null, known: false, httpStatus: 200 });
    expect(decodeResponse({ status: 200, body: Buffer.from(body) }).outcome).toBe('failure');
  });

  it('an empty 2xx body, or a well-formed JSON object or array, stays a success', () => {
    for (const body of ['', '  ', '[]', '{}', '{"assets":[]}', null, undefined]) {
      expect(decodeResponse({ status: 200, body }).outcome).toBe('success');
    }
    expect(decodeResponse({ status: 204, body: '' }).outcome).toBe('success');
  });

  it('a non-JSON body on a 3xx or an unknown status is left to the status', () => {
    expect(decodeResponse({ status: 302, body: '<html>moved</html>' }).outcome).toBe('success');
    expect(decodeResponse({ body: '<html></html>' }).outcome).toBe('success');
  });
});

describe('times the decoder computes are always ones a Date can hold', () => {
  it.each([
    [{ expirationMillis: 1e300 }],
    [{ expirationMillis: -5 }],
    [{ tokenExpirationDate: '+275761-01-01T00:00:00Z' }],
  ])('token expiry %j is no expiry', (body) => {
    expect(decodeResponse({ status: 200, body }).tokenExpiresAt).toBeNull();
  });

  it('absurd Retry-After headers come out as at most 24 h', () => {
    const headers = { 'retry-after': '999999999999999', date: 'Thu, 01 Jan 1970 00:00:00 GMT' };
    expect(decodeResponse({ status: 429, headers, body: '' }).retryAfterMs).toBe(24 * 3600 * 1000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeResponse } from './decode-response.js';

const EXPIRY = '2031-05-06T07:08:09+0000';
const decodeText = (status: number, text: string) => decodeResponse({ status, body: text });

describe('decoding a JSON text body without parsing it (the success fast path)', () => {
  it('still catches an Apple error carried by a 2xx text body', () => {
    const v2 = decodeText(200, JSON.stringify({ errorNumber: 9610, errorMessage: 'License not found' }));
    expect(v2).toMatchObject({ outcome: 'failure', format: 'v2' });
    expect(v2.failures[0]?.code).toBe(9610);
    const legacy = decodeText(200, JSON.stringify({ status: -1, errorNumber: 9621, tokenExpDate: EXPIRY }));
    expect(legacy).toMatchObject({
      outcome: 'failure',
      format: 'legacy',
      tokenExpiresAt: Date.parse(EXPIRY),
    });
    const escaped = decodeText(200, '{"st\\u0061tus": -1, "errorNumber": 9603}');
    expect(escaped).toMatchObject({ outcome: 'failure', format: 'legacy' });
  });

  it('reads every token-expiry field of a plain success body', () => {
    const body = { assets: [{ adamId: '1' }], tokenExpirationDate: EXPIRY, size: 1 };
    expect(decodeText(200, JSON.stringify(body))).toEqual({
      outcome: 'success',
      format: 'unrecognized',
      failures: [],
      retryClass: null,
      retryAfterMs: null,
      tokenExpiresAt: Date.parse(EXPIRY),
      httpStatus: 200,
    });
    expect(decodeText(200, `{"tokenExpDate": "${EXPIRY}"}`).tokenExpiresAt).toBe(Date.parse(EXPIRY));
    expect(decodeText(200, '{ "expirationMillis" : 1900000000000 }').tokenExpiresAt).toBe(1_900_000_000_000);
    expect(decodeText(200, '{"expirationMillis":"1900000000000"}').tokenExpiresAt).toBe(1_900_000_000_000);
  });

  it('ignores token fields that are nested, and lets the last of duplicate keys win, as a parse would', () => {
    expect(decodeText(200, `{"user":{"tokenExpirationDate":"${EXPIRY}"}}`).tokenExpiresAt).toBeNull();
    const twice = `{"tokenExpirationDate":"2030-01-01T00:00:00Z","tokenExpirationDate":"${EXPIRY}"}`;
    expect(decodeText(200, twice).tokenExpiresAt).toBe(Date.parse(EXPIRY));
    expect(
      decodeText(200, `{"note":"a \\"tokenExpirationDate\\": \\"${EXPIRY}\\""}`).tokenExpiresAt,
    ).toBeNull();
  });

  it('reads -0 as 0, since a JSON text cannot carry -0 (fast-check found this one)', () => {
    const parsed = decodeResponse({ status: 200, body: { errorNumber: -0, expirationMillis: -0 } });
    expect(Object.is(parsed.failures[0]?.code, 0)).toBe(true);
    expect(Object.is(parsed.tokenExpiresAt, 0)).toBe(true);
    expect(decodeText(200, JSON.stringify({ errorNumber: -0 }))).toEqual(
      decodeResponse({ status: 200, body: { errorNumber: -0 } }),
    );
    expect(Object.is(decodeResponse({ status: 200, body: { errorNumber: '-0' } }).failures[0]?.code, 0)).toBe(
      true,
    );
  });

  it('answers exactly as the parsed object would, for arbitrary JSON objects and statuses', () => {
    // Mostly keys the fast path reads or skips; recognizer keys (which send a body to the full parse) now and then.
    const key = fc.oneof(
      { arbitrary: fc.constantFrom('tokenExpirationDate', 'tokenExpDate', 'expirationMillis'), weight: 3 },
      { arbitrary: fc.constantFrom('assets', 'note', 'x"y', 'a\\b'), weight: 4 },
      {
        arbitrary: fc.constantFrom(
          'status',
          'errorNumber',
          'error',
          'notification',
          'failures',
          'eventStatus',
        ),
        weight: 1,
      },
    );
    const leaf = fc.oneof(
      fc.constantFrom(EXPIRY, '2099-01-01T00:00:00Z', 'not a date', '1900000000000', -1, 0, 9610, null, true),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 3 }), tie('object')),
      object: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    }));
    const object = fc.dictionary(key, tree, { maxKeys: 5 });
    fc.assert(
      fc.property(object, fc.constantFrom(200, 201, 404, 503), fc.boolean(), (value, status, spaced) => {
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        expect(decodeText(status, text)).toEqual(decodeResponse({ status, body: value }));
      }),
      { numRuns: 500 },
    );
  });
});

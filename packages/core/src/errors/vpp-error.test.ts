import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeResponse } from '../decode/decode-response.js';
import { describeFailure, vppErrorFromDecoded } from './from-decoded.js';
import { isVppError, VppError } from './vpp-error.js';

const S_TOKEN = 'eyJ0b2tlbiI6InNlY3JldC10b2tlbi0xMjMifQ==';
const EMAIL = 'jane.doe@example.org';
const CLIENT_USER_ID = 'cuid-7f3a9b21-secret';
const SERIAL = 'C02ZK9XYLVDQ';

const leakyBody = {
  status: -1,
  errorNumber: 9616,
  errorMessage: `License already assigned for ${EMAIL} (${CLIENT_USER_ID}) on ${SERIAL}, token ${S_TOKEN}`,
  sToken: S_TOKEN,
  licenseAlreadyAssigned: { clientUserIdStr: CLIENT_USER_ID, serialNumber: SERIAL },
  regUsersAlreadyAssigned: [{ email: EMAIL, clientUserIdStr: CLIENT_USER_ID }],
  associations: [
    { serialNumber: SERIAL, clientUserIdStr: CLIENT_USER_ID, errorNumber: 9610, errorMessage: EMAIL },
  ],
};

describe('vppErrorFromDecoded', () => {
  it('builds a message from catalog wording, with the most severe failure first', () => {
    const decoded = decodeResponse({ status: 200, body: leakyBody });
    const err = vppErrorFromDecoded(decoded);
    expect(err.failures.map((f) => f.code)).toEqual([9610, 9616]);
    expect(err.message).toBe('Apple error 9610 (state, HTTP 200): License not found.');
    expect(err).toMatchObject({
      code: 'ERR_VPP_API',
      errorNumber: 9610,
      retryClass: 'state',
      httpStatus: 200,
    });
    expect(err.unredacted().decoded).toBe(decoded);
    expect(err.decoded?.failures.map((f) => f.code)).toEqual([9616, 9610]);
    expect(isVppError(err)).toBe(true);
  });

  it('never leaks an sToken, email, clientUserId, serial number or Authorization header', () => {
    const cause = Object.assign(new Error('Request failed'), {
      config: { headers: { Authorization: `Bearer ${S_TOKEN}` }, data: JSON.stringify(leakyBody) },
    });
    const err = vppErrorFromDecoded(decodeResponse({ status: 200, body: leakyBody }), { cause });
    expect(err.unredacted().cause).toBe(cause);
    expect(err.cause).toEqual({ name: 'Error', code: null, httpStatus: null });
    const surfaces = [
      String(err),
      err.stack ?? '',
      JSON.stringify(err),
      err.message,
      inspect(err),
      inspect(err, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(err.decoded),
      JSON.stringify(err.failures),
    ];
    for (const text of surfaces) {
      for (const secret of [S_TOKEN, EMAIL, CLIENT_USER_ID, SERIAL, 'Bearer'])
        expect(text).not.toContain(secret);
    }
    expect(JSON.stringify(err)).toContain('"errorNumber":9610');
  });

  it('describes unknown codes and status-only failures without server text', () => {
    const unknown = decodeResponse({ status: 502, body: { errorNumber: 9990, errorMessage: EMAIL } });
    expect(vppErrorFromDecoded(unknown).message).toBe(
      'Apple error (unrecognized code) (transient, HTTP 502): No catalog entry for this code.',
    );
    expect(describeFailure(null, 503)).toBe('Apple request failed (unknown, HTTP 503)');
  });

  it('lets the caller set the error kind and retry details', () => {
    const decoded = decodeResponse({ status: 429, body: { errorNumber: 9646, errorMessage: 'x' } });
    const err = vppErrorFromDecoded(decoded, {
      code: 'ERR_VPP_RETRY_AFTER',
      retryAt: 1_000,
      reason: 'retry_after_too_long',
    });
    expect(err).toBeInstanceOf(VppError);
    expect(err).toMatchObject({
      code: 'ERR_VPP_RETRY_AFTER',
      retryAt: 1_000,
      reason: 'retry_after_too_long',
    });
  });

  it('keeps the raw failures reachable on purpose, through unredacted()', () => {
    const err = vppErrorFromDecoded(decodeResponse({ status: 200, body: leakyBody }));
    expect(err.failures[0]).toEqual({
      code: 9610,
      known: true,
      message: 'License not found.',
      serverMessage: null,
      retryClass: 'state',
      httpStatus: 200,
      source: 'item',
    });
    const raw = err.unredacted().failures[0];
    expect(raw?.entities?.clientUserIds).toEqual([CLIENT_USER_ID]);
    expect(raw?.serverMessage).toBe(EMAIL);
  });

  it('reads a code outside the catalog as other wherever it shows the code', () => {
    const decoded = decodeResponse({ status: 400, body: { error: 'plantcuid-44d2', message: EMAIL } });
    expect(decoded.failures[0]?.code).toBe('plantcuid-44d2');
    const err = vppErrorFromDecoded(decoded);
    expect(err.errorNumber).toBe('other');
    expect(err.toJSON()).toMatchObject({ errorNumber: 'other', failures: [{ code: 'other' }] });
    expect(inspect(err)).not.toContain('plantcuid');
    expect(err.unredacted().failures[0]?.code).toBe('plantcuid-44d2');
  });

  it('never carries a retryAt a Date cannot hold', () => {
    for (const retryAt of [Number.NaN, Number.POSITIVE_INFINITY, 1e18, -1]) {
      const err = new VppError({ code: 'ERR_VPP_RETRY_AFTER', message: 'x', retryAt });
      expect(err.retryAt).toBeNull();
      expect(() => JSON.stringify(err)).not.toThrow();
    }
    expect(new VppError({ code: 'ERR_VPP_RETRY_AFTER', message: 'x', retryAt: 5 }).retryAt).toBe(5);
  });
});

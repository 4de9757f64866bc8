import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apple9616Examples, documentSays, SEED_FILES } from '../catalog/test-support/seed-documents.js';
import { decodeResponse } from './decode-response.js';

const LEGACY_PAGE = SEED_FILES.appleLegacy;
const RICLOUD_PAGE = SEED_FILES.riCloud;

/** Each test enforces the sentence it quotes; this checks the quote is really in the stored document. */
function quote(file: string, sentence: string): void {
  expect(documentSays(file as never, sentence), `${file}: "${sentence}"`).toBe(true);
}

describe('9616: the two shapes Apple documents (item 1)', () => {
  const [own, others] = apple9616Examples();

  it('licenseAlreadyAssigned: the user holds the item, so it stays idempotent_ok', () => {
    quote(
      LEGACY_PAGE,
      'Sometimes, itʼs because the specific user in the request is already assigned to the item in question. When that happens, the 9616 error is accompanied by a licenseAlreadyAssigned entry with details about the user and the license.',
    );
    quote(LEGACY_PAGE, 'in which case there’s no need to retry the assignment.');
    const decoded = decodeResponse({ status: 200, body: own });
    expect(decoded.retryClass).toBe('idempotent_ok');
    expect(decoded.failures[0]?.variant).toBeUndefined();
  });

  it('regUsersAlreadyAssigned alone: this user does not have the item, a state failure with the other users by id', () => {
    quote(
      LEGACY_PAGE,
      'In these cases, the VPP user specified by the user ID or the clientUserIdStr does not have the item, but some other users in the organization associated with the same iTunes Store account have the item.',
    );
    expect(others).not.toHaveProperty('licenseAlreadyAssigned');
    const decoded = decodeResponse({ status: 200, body: JSON.stringify(others) });
    expect(decoded).toMatchObject({ outcome: 'failure', format: 'legacy', retryClass: 'state' });
    const [failure] = decoded.failures;
    expect(failure).toMatchObject({ code: 9616, retryClass: 'state', variant: 'other-users-hold-item' });
    expect(failure?.alreadyAssigned?.otherUsers).toEqual([
      { userId: '9991992450', clientUserId: 'jjjCXhHHee0e3c-x999-43a9-Xe04-1dcax80ac01x' },
    ]);
    expect(JSON.stringify(failure?.alreadyAssigned?.otherUsers)).not.toContain('@');
  });

  it('the same shape in a partial manage answer makes that item a state failure', () => {
    const body = {
      status: -3,
      associations: [
        { clientUserIdStr: 'a', licenseIdStr: '1' },
        {
          clientUserIdStr: 'b',
          errorNumber: 9616,
          regUsersAlreadyAssigned: [{ userId: 7, clientUserIdStr: 'c' }],
        },
      ],
    };
    const decoded = decodeResponse({ status: 200, body });
    expect(decoded.outcome).toBe('partial');
    expect(decoded.failures[0]).toMatchObject({ source: 'item', retryClass: 'state' });
    expect(decoded.failures[0]?.alreadyAssigned?.otherUsers).toEqual([{ userId: '7', clientUserId: 'c' }]);
  });

  it('the stored fixture the CLI example uses is Apple second example', () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../../test-fixtures/legacy-9616-reg-users-only.json', import.meta.url), 'utf8'),
    );
    expect(fixture).toEqual(others);
  });
});

describe('riCloud bodies (items 2 and 5)', () => {
  it('{"error":"invalid-body"} without a message is recognized', () => {
    quote(
      RICLOUD_PAGE,
      'For errors, the response will include the corresponding error code, a short message describing the cause of the error',
    );
    quote(RICLOUD_PAGE, 'The API was unable to process the body of your request.');
    const decoded = decodeResponse({ status: 400, body: '{"error":"invalid-body"}' });
    expect(decoded).toMatchObject({ format: 'ricloud', retryClass: 'client_fatal' });
    expect(decoded.failures[0]).toMatchObject({ code: 'invalid-body', known: true, serverMessage: null });
  });

  it('a code the catalog does not know still needs a message, so a proxy { "error": "x" } is not riCloud', () => {
    expect(decodeResponse({ status: 502, body: { error: 'bad-gateway' } }).format).toBe('unrecognized');
  });

  it('a riCloud body that also has status -1 keeps its riCloud code', () => {
    const decoded = decodeResponse({
      status: 200,
      body: { error: 'session-expired', message: 'Session expired', status: -1 },
    });
    expect(decoded).toMatchObject({ format: 'ricloud', retryClass: 'auth_fatal' });
    expect(decoded.failures[0]?.code).toBe('session-expired');
  });

  it('code-rate-limited: not retryable, and at least an hour before the request may be sent again', () => {
    quote(RICLOUD_PAGE, 'We recommend the user wait at least an hour before retrying.');
    const decoded = decodeResponse({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { error: 'code-rate-limited', message: 'Too many invalid codes' },
    });
    expect(decoded.retryClass).toBe('state');
    expect(decoded.minRetryAfterMs).toBe(3_600_000);
    expect(decoded.failures[0]?.minRetryAfterMs).toBe(3_600_000);
    // The announced Retry-After stays what the server said; the minimum is the document's.
    expect(decoded.retryAfterMs).toBe(30_000);
  });
});

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeResponse } from './decode-response.js';
import { FIXTURE_DIR, FIXTURE_INDEX, loadFixture } from './test-support/fixtures.js';

const decodeFixture = (name: string, now?: () => number) =>
  decodeResponse(loadFixture(name), now ? { now } : undefined);

describe('source-document fixtures', () => {
  it('indexes every fixture file with its HTTP status', () => {
    const files = readdirSync(FIXTURE_DIR).filter((f) => f !== 'index.json');
    expect(Object.keys(FIXTURE_INDEX).sort()).toEqual(files.sort());
  });

  it('9616 with licenseAlreadyAssigned and regUsersAlreadyAssigned', () => {
    const d = decodeFixture('legacy-9616-both-details.json');
    expect(d).toMatchObject({
      outcome: 'failure',
      format: 'legacy',
      retryClass: 'idempotent_ok',
      httpStatus: 200,
    });
    expect(d.failures).toHaveLength(1);
    const [f] = d.failures;
    expect(f).toMatchObject({
      code: 9616,
      known: true,
      source: 'response',
      serverMessage: 'License already assigned',
    });
    expect(f?.alreadyAssigned?.licenseAlreadyAssigned).toMatchObject({ licenseIdStr: '99147599840' });
    expect(f?.alreadyAssigned?.regUsersAlreadyAssigned).toHaveLength(1);
  });

  it('9616 with only regUsersAlreadyAssigned', () => {
    const [f] = decodeFixture('legacy-9616-reg-users-only.json').failures;
    expect(f?.code).toBe(9616);
    expect(f?.alreadyAssigned?.licenseAlreadyAssigned).toBeUndefined();
    expect(f?.alreadyAssigned?.regUsersAlreadyAssigned?.[0]).toMatchObject({ userId: 9991992450 });
  });

  it('9726 with HTTP 405', () => {
    const d = decodeFixture('v2-9726-unsupported-method.json');
    expect(d).toMatchObject({
      outcome: 'failure',
      format: 'v2',
      retryClass: 'client_fatal',
      httpStatus: 405,
    });
    expect(d.failures[0]).toMatchObject({ code: 9726, httpStatus: 405, source: 'response', known: true });
  });

  it('the status example: 9609 for two clientUserIds, token expiry', () => {
    const d = decodeFixture('v2-status-9609.json');
    expect(d).toMatchObject({
      outcome: 'failure',
      format: 'v2-status',
      eventStatus: 'FAILED',
      retryClass: 'state',
    });
    expect(d.tokenExpiresAt).toBe(Date.UTC(2030, 10, 8, 22, 33, 22));
    expect(d.failures).toHaveLength(1);
    expect(d.failures[0]).toMatchObject({ code: 9609, source: 'event', httpStatus: null });
    expect(d.failures[0]?.entities?.clientUserIds).toEqual(['user102', 'user101']);
  });

  it('the notification: 9709 applied to both assignments', () => {
    const d = decodeFixture('notification-9709.json');
    expect(d).toMatchObject({ outcome: 'failure', format: 'notification', eventStatus: 'FAILURE' });
    const [f] = d.failures;
    expect(f).toMatchObject({ code: 9709, source: 'event', retryClass: 'state', httpStatus: null });
    expect(f?.entities).toMatchObject({
      serialNumbers: ['device1'],
      clientUserIds: ['user1'],
      assets: [{ adamId: '1234', pricingParam: 'STDQ' }],
    });
  });

  it('a legacy -3 partial with per-item failures', () => {
    const d = decodeFixture('legacy-manage-partial.json');
    expect(d).toMatchObject({ outcome: 'partial', format: 'legacy' });
    expect(d.failures.map((f) => [f.code, f.source])).toEqual([
      [9610, 'item'],
      [9619, 'item'],
    ]);
    expect(d.failures[0]?.entities?.clientUserIds).toEqual(['user-b']);
    expect(d.failures[1]?.entities?.serialNumbers).toEqual(['C02XXXXXXX01']);
    expect(d.retryClass).toBe('state');
    expect(d.tokenExpiresAt).toBe(Date.parse('2030-01-15T18:00:00Z'));
  });

  it('9622 with HTTP 200 is still a failure', () => {
    const d = decodeFixture('v2-9622-http-200.json');
    expect(d).toMatchObject({ outcome: 'failure', retryClass: 'auth_fatal', httpStatus: 200 });
    expect(d.failures[0]?.code).toBe(9622);
  });

  it('9603 with HTTP 500 and Retry-After: 120', () => {
    const d = decodeFixture('v2-9603-http-500.json');
    expect(d).toMatchObject({ retryClass: 'transient', retryAfterMs: 120_000 });
  });

  it('riCloud invalid-parameter keeps its params', () => {
    const d = decodeFixture('ricloud-invalid-parameter.json');
    expect(d).toMatchObject({ outcome: 'failure', format: 'ricloud', retryClass: 'client_fatal' });
    expect(d.failures[0]).toMatchObject({ code: 'invalid-parameter', known: true, httpStatus: 400 });
    expect(d.failures[0]?.params).toEqual({ limit: 'must be between 1 and 1000' });
  });

  it('an HTML 503 from a proxy, Retry-After as a date against the response Date, not the skewed local clock', () => {
    const skewedClock = () => Date.parse('Sun, 22 Nov 2026 11:30:00 GMT');
    const d = decodeFixture('proxy-503.html', skewedClock);
    expect(d).toMatchObject({ outcome: 'failure', format: 'unrecognized', retryClass: 'transient' });
    expect(d.failures).toEqual([expect.objectContaining({ code: null, known: false, httpStatus: 503 })]);
    expect(d.retryAfterMs).toBe(120_000);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeResponse } from './decode-response.js';

describe('decodeResponse: bodies and headers', () => {
  const json = JSON.stringify({ errorNumber: 9646, errorMessage: 'slow down' });

  it.each([
    ['string', json],
    ['Buffer', Buffer.from(json)],
    ['Uint8Array', new TextEncoder().encode(json)],
    ['ArrayBuffer', new TextEncoder().encode(json).buffer],
  ])('parses a %s body', (_kind, body) => {
    expect(decodeResponse({ status: 429, body }).failures[0]?.code).toBe(9646);
  });

  it('survives invalid UTF-8', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0xc3]);
    expect(decodeResponse({ status: 502, body })).toMatchObject({
      retryClass: 'transient',
      format: 'unrecognized',
    });
  });

  it('does not parse a body over maxBodyBytes', () => {
    const d = decodeResponse({ status: 200, body: json }, { maxBodyBytes: 10 });
    expect(d).toMatchObject({ truncated: true, outcome: 'success', failures: [] });
    const big = decodeResponse({ status: 500, body: Buffer.alloc(2 * 1024 * 1024, 0x20) });
    expect(big).toMatchObject({ truncated: true, retryClass: 'transient' });
  });

  it('matches headers case-insensitively, in objects, arrays and Headers', () => {
    expect(decodeResponse({ status: 503, headers: { 'RETRY-AFTER': '3' } }).retryAfterMs).toBe(3_000);
    expect(decodeResponse({ status: 503, headers: { 'retry-after': ['4'] } }).retryAfterMs).toBe(4_000);
    expect(decodeResponse({ status: 503, headers: new Headers({ 'Retry-After': '5' }) }).retryAfterMs).toBe(
      5_000,
    );
  });

  it('uses options.now for a date without a Date header', () => {
    const now = () => Date.UTC(2026, 0, 1, 0, 0, 0);
    const d = decodeResponse(
      { status: 503, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:09 GMT' } },
      { now },
    );
    expect(d.retryAfterMs).toBe(9_000);
  });
});

describe('decodeResponse: hostile input', () => {
  it('survives a cyclic body', () => {
    const body: Record<string, unknown> = { errorNumber: 9603 };
    body.self = body;
    body.errorInfo = { clientUserIds: [body] };
    expect(decodeResponse({ status: 500, body }).failures[0]?.code).toBe(9603);
  });

  it('survives throwing getters and proxies', () => {
    const body = Object.defineProperty({}, 'errorNumber', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(decodeResponse({ status: 500, body }).retryClass).toBe('transient');
    expect(decodeResponse({ status: 503, headers: trap, body: trap }).retryClass).toBe('transient');
    expect(decodeResponse(trap as never).outcome).toBe('success');
    expect(
      decodeResponse(
        { status: 500 },
        {
          now: () => {
            throw new Error('clock');
          },
        },
      ).retryClass,
    ).toBe('transient');
  });
});

describe('decodeResponse: look-alikes', () => {
  it('does not mistake a framework error page for riCloud', () => {
    const d = decodeResponse({
      status: 503,
      body: { status: 503, error: 'Service Unavailable', message: 'down' },
    });
    expect(d).toMatchObject({ format: 'unrecognized', retryClass: 'transient' });
    expect(d.failures[0]?.code).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { classifyHttpStatus } from './http-status.js';
import { CATALOG, KNOWN_ERROR_NUMBERS, lookupCode } from './lookup.js';
import { RETRY_CLASSES } from './retry-class.js';

describe('lookupCode', () => {
  it('finds numbers, numeric strings and riCloud codes', () => {
    expect(lookupCode(9646)?.retryClass).toBe('throttled');
    expect(lookupCode('9646')).toBe(lookupCode(9646));
    expect(lookupCode(' 9646 ')).toBe(lookupCode(9646));
    expect(lookupCode('session-expired')?.api).toBe('ricloud');
    expect(lookupCode('SESSION-EXPIRED')?.code).toBe('session-expired');
  });

  it('resolves 9805 as an alias of 9816', () => {
    expect(lookupCode(9805)?.code).toBe(9816);
    expect(lookupCode('9805')?.code).toBe(9816);
    expect(KNOWN_ERROR_NUMBERS.has(9805)).toBe(true);
  });

  it('answers undefined for codes it does not know', () => {
    expect(lookupCode(9999)).toBeUndefined();
    expect(lookupCode('nope')).toBeUndefined();
    expect(lookupCode('')).toBeUndefined();
  });
});

describe('catalog quirks', () => {
  it('9631 keeps the document text (a copy of 9630) and says in its remediation that it means repeated 9610', () => {
    const e9631 = lookupCode(9631);
    expect(e9631?.message).toBe(lookupCode(9630)?.message);
    expect(e9631?.remediation).toContain('9610');
    expect(e9631?.retryClass).toBe('storm_guard');
  });

  it.each([
    [9644, 'retry_later', null],
    [9646, 'throttled', 429],
    [9729, 'transient', 503],
    [9603, 'transient', 500],
    [9616, 'idempotent_ok', null],
    [9621, 'auth_fatal', 401],
    [9726, 'client_fatal', 405],
    [9709, 'state', null],
  ] as const)('%i is %s with HTTP %s', (code, retryClass, httpStatus) => {
    expect(lookupCode(code)).toMatchObject({ retryClass, httpStatus });
  });

  it('holds every range the brief names', () => {
    const numbers = [...KNOWN_ERROR_NUMBERS];
    for (let code = 9600; code <= 9647; code++) expect(numbers, `legacy ${code}`).toContain(code);
    for (let code = 9700; code <= 9729; code++) expect(numbers, `v2 ${code}`).toContain(code);
    for (let code = 9811; code <= 9818; code++) expect(numbers, `subscriptions ${code}`).toContain(code);
    expect(numbers).toContain(9650);
  });
});

describe('catalog entries', () => {
  it('have unique codes and aliases', () => {
    const keys = CATALOG.flatMap((e) => [e.code, ...(e.aliases ?? [])]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are well formed', () => {
    for (const e of CATALOG) {
      expect(RETRY_CLASSES, String(e.code)).toContain(e.retryClass);
      expect(e.message.trim(), String(e.code)).not.toBe('');
      expect(e.remediation, String(e.code)).not.toMatch(/\n/);
      expect(e.remediation.length, String(e.code)).toBeGreaterThan(10);
      expect(e.olderMessages, String(e.code)).not.toContain(e.message);
      if (e.httpStatus !== null) expect(e.httpStatus).toBeGreaterThanOrEqual(400);
    }
  });

  it('give no HTTP status to legacy-only codes (they arrive as HTTP 200)', () => {
    const legacy = CATALOG.filter((e) => e.api === 'legacy');
    expect(legacy.length).toBeGreaterThan(20);
    for (const e of legacy) expect(e.httpStatus, String(e.code)).toBeNull();
  });

  it('explain every "A / B" choice in the remediation', () => {
    for (const code of [9602, 9641, 9650, 9722, 9626]) {
      expect(lookupCode(code)?.remediation, String(code)).toMatch(/classed/i);
    }
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [500, 'transient'],
    [503, 'transient'],
    [599, 'transient'],
    [429, 'throttled'],
    [401, 'auth_fatal'],
    [403, 'auth_fatal'],
    [400, 'client_fatal'],
    [404, 'client_fatal'],
    [405, 'client_fatal'],
    [200, 'unknown'],
    [302, 'unknown'],
    [null, 'unknown'],
    [undefined, 'unknown'],
    [Number.NaN, 'unknown'],
    [600, 'unknown'],
  ] as const)('%s → %s', (status, expected) => {
    expect(classifyHttpStatus(status)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { RequestLog } from './request-log.js';
import type { RequestRecord } from './types.js';

function record(at: number, extra: Partial<RequestRecord> = {}): RequestRecord {
  return {
    at,
    answeredAt: at + 1,
    tokenHash: 'a',
    api: 'v2',
    endpoint: 'assets',
    method: 'GET',
    status: 200,
    errorNumber: null,
    retryAfterMs: null,
    windowEndsAt: null,
    fault: null,
    ...extra,
  };
}

describe('RequestLog.violations', () => {
  it('flags requests that arrive after a Retry-After answer and before its window ends, per token', () => {
    const log = new RequestLog();
    log.add(record(0, { status: 429, retryAfterMs: 1000, windowEndsAt: 900 }));
    log.add(record(0.5)); // arrived before the 429 was answered: cannot have seen it
    log.add(record(500)); // inside the window
    log.add(record(600, { tokenHash: 'b' })); // another token
    log.add(record(950)); // after the window
    expect(log.violations().map((r) => r.at)).toEqual([500]);
    expect(log.violations('b')).toEqual([]);
  });

  it('with graceMs, excuses requests that arrived while the answer was still on its way to the client', () => {
    const log = new RequestLog();
    log.add(record(0, { status: 429, retryAfterMs: 1000, windowEndsAt: 900 }));
    log.add(record(3)); // dispatched before the client could have read the 429
    log.add(record(40)); // the client had the answer by then
    expect(log.violations(undefined, { graceMs: 10 }).map((r) => r.at)).toEqual([40]);
    expect(log.violations().map((r) => r.at)).toEqual([3, 40]);
  });

  it('ignores windows that were never announced (no Retry-After)', () => {
    const log = new RequestLog();
    log.add(record(0, { status: 429, retryAfterMs: null, windowEndsAt: 900 }));
    log.add(record(100));
    expect(log.violations()).toEqual([]);
  });

  it('is iterable and returns copies', () => {
    const log = new RequestLog();
    log.add(record(1));
    expect([...log]).toHaveLength(1);
    log.all().pop();
    expect(log.count).toBe(1);
  });
});

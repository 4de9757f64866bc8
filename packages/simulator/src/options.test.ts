import { describe, expect, it } from 'vitest';
import { normalizeOptions } from './options.js';

describe('normalizeOptions', () => {
  it('fills defaults and folds rateLimit into faults without touching the input', () => {
    const input = Object.freeze({ rateLimit: { perSecond: 5 }, faults: Object.freeze({ revoked: false }) });
    const o = normalizeOptions(input);
    expect(o).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      seed: 1,
      scenario: 'none',
      eventDelayMs: 50,
      pageSize: 100,
    });
    expect(o.faults).toEqual({ revoked: false, rateLimit: { perSecond: 5 } });
  });

  it.each([
    [{ eventDelayMs: -1 }, /eventDelayMs/],
    [{ pageSize: 0 }, /pageSize/],
    [{ scenario: 'chaos' as never }, /Unknown scenario/],
  ])('rejects %o', (input, message) => {
    expect(() => normalizeOptions(input)).toThrow(message);
  });
});

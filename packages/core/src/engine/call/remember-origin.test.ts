import { describe, expect, it } from 'vitest';
import { createVppEngine } from '../create-engine.js';
import { eventIdInBody, rememberOrigin } from './remember-origin.js';

const span = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 };

describe('rememberOrigin', () => {
  it('reads the eventId from a string, bytes or a parsed body', () => {
    const text = '{"eventId":"f743928c-cc93","tokenExpirationDate":"2030-01-01T00:00:00+0000","uId":"1"}';
    expect(eventIdInBody(text)).toBe('f743928c-cc93');
    expect(eventIdInBody(Buffer.from(text))).toBe('f743928c-cc93');
    expect(eventIdInBody(JSON.parse(text))).toBe('f743928c-cc93');
    for (const none of [null, undefined, 42, '{}', '{"eventId":7}', { eventId: '' }, 'x'.repeat(5000)])
      expect(eventIdInBody(none)).toBeNull();
  });

  it('remembers only event-starting calls, and a throwing store never reaches the caller', () => {
    const seen: string[] = [];
    const origins = {
      remember: (id: string) => {
        seen.push(id);
        return true;
      },
      get: () => undefined,
    };
    rememberOrigin(origins, 'assets_associate', { eventId: 'e-1' }, span);
    rememberOrigin(origins, 'status_get', { eventId: 'e-2' }, span);
    rememberOrigin(origins, 'users_create', { eventId: 'e-3' }, null);
    expect(seen).toEqual(['e-1']);
    const throwing = {
      remember: () => {
        throw new Error('store down');
      },
      get: () => undefined,
    };
    expect(() => rememberOrigin(throwing, 'assets_revoke', { eventId: 'e-4' }, span)).not.toThrow();
  });

  it('rejects an origins option that is not an EventOrigins', () => {
    expect(() => createVppEngine({ origins: {} as never, metrics: false, tracing: false })).toThrow(
      /Invalid option origins/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { decodeSToken, makeSToken } from './s-token.js';
import { tokenHash } from './token-hash.js';

describe('sToken', () => {
  it('is base64 of {token, expDate, orgName} and decodes back', () => {
    const sToken = makeSToken({ orgName: 'Acme', token: 'secret', expDate: '2030-11-08T22:33:22+0000' });
    expect(JSON.parse(Buffer.from(sToken, 'base64').toString())).toEqual({
      token: 'secret',
      expDate: '2030-11-08T22:33:22+0000',
      orgName: 'Acme',
    });
    expect(decodeSToken(sToken)).toEqual({
      ok: true,
      fields: { token: 'secret', expDate: '2030-11-08T22:33:22+0000', orgName: 'Acme' },
      expiresAt: Date.UTC(2030, 10, 8, 22, 33, 22),
    });
  });

  it("accepts Apple's offset format (-0700) and a Date for expDate", () => {
    const fromApple = decodeSToken(makeSToken({ expDate: '2014-08-15T18:13:52-0700' }));
    expect(fromApple.ok && fromApple.expiresAt).toBe(Date.UTC(2014, 7, 16, 1, 13, 52));
    const fromDate = decodeSToken(makeSToken({ expDate: new Date(Date.UTC(2031, 0, 1)) }));
    expect(fromDate.ok && fromDate.fields.expDate).toBe('2031-01-01T00:00:00+0000');
  });

  it.each([
    ['not base64', 'not base64!'],
    ['base64 of text', Buffer.from('hello').toString('base64')],
    ['no token', Buffer.from(JSON.stringify({ expDate: '2030-01-01T00:00:00+0000' })).toString('base64')],
    ['a bad date', Buffer.from(JSON.stringify({ token: 't', expDate: 'soon' })).toString('base64')],
  ])('rejects %s', (_name, raw) => {
    expect(decodeSToken(raw)).toEqual({ ok: false });
  });

  it('hashes to 16 hex digits that do not contain the token', () => {
    const sToken = makeSToken({ token: 'abc' });
    expect(tokenHash(sToken)).toMatch(/^[0-9a-f]{16}$/);
    expect(tokenHash(sToken)).toBe(tokenHash(sToken));
    expect(tokenHash(sToken)).not.toBe(tokenHash(makeSToken({ token: 'abd' })));
  });
});

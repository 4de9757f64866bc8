import { describe, expect, it } from 'vitest';
import { tenantKeyOf } from './tenant-key.js';

const url = 'https://vpp.itunes.apple.com/mdm/v2/assets';

describe('tenantKeyOf', () => {
  it('hashes the host with the Bearer token or the legacy sToken, and never contains the token', () => {
    const a = tenantKeyOf({ url, headers: { Authorization: 'Bearer token-a' } });
    expect(a).not.toContain('token-a');
    expect(tenantKeyOf({ url, headers: { authorization: ['bearer token-a'] } })).toBe(a);
    expect(tenantKeyOf({ url, headers: new Headers({ authorization: 'Bearer token-a' }) as never })).toBe(a);
    expect(tenantKeyOf({ url: `${url}?page=2`, body: JSON.stringify({ sToken: 'token-a' }) })).toBe(a);
    expect(tenantKeyOf({ url, body: { sToken: 'token-a' } })).toBe(a);
    expect(tenantKeyOf({ url, headers: { Authorization: 'Bearer token-b' } })).not.toBe(a);
    expect(tenantKeyOf({ url: 'https://other.example/mdm/v2/assets', body: { sToken: 'token-a' } })).not.toBe(
      a,
    );
  });
});

describe('tenantKeyOf, cached per token', () => {
  it('keeps keys distinct per token and per host, and stable for a repeated token', () => {
    const keys = new Set<string>();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 50; i++) {
        const key = tenantKeyOf({ url, headers: { authorization: `Bearer token-${i}` } });
        if (round === 0) keys.add(key);
        else expect(keys.has(key)).toBe(true);
      }
    }
    expect(keys.size).toBe(50);
    const sameHeader = { authorization: 'Bearer shared' };
    const apple = tenantKeyOf({ url, headers: sameHeader });
    const other = tenantKeyOf({ url: 'https://other.example/mdm/v2/assets', headers: sameHeader });
    expect(other).not.toBe(apple);
    expect(tenantKeyOf({ url, headers: sameHeader })).toBe(apple);
    // A header that is not a Bearer token falls back to the body's sToken, never to a cached header entry.
    const basic = { authorization: 'Basic abc' };
    expect(tenantKeyOf({ url, headers: basic, body: { sToken: 'token-1' } })).not.toBe(
      tenantKeyOf({ url, headers: basic, body: { sToken: 'token-2' } }),
    );
  });
});

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

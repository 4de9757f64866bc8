import type { InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { fullUrlOf, hostnameOf } from './request-url.js';

const config = (fields: Partial<InternalAxiosRequestConfig>) => fields as InternalAxiosRequestConfig;

describe('the URL the engine sees for an axios request', () => {
  it('joins baseURL and url as axios does, with one slash between them', () => {
    const base = 'https://vpp.itunes.apple.com/mdm/v2';
    expect(fullUrlOf(config({ baseURL: base, url: '/assets' }))).toBe(`${base}/assets`);
    expect(fullUrlOf(config({ baseURL: `${base}//`, url: '//assets' }))).toBe(`${base}/assets`);
    expect(fullUrlOf(config({ baseURL: `${base}/`, url: 'assets?pageIndex=2' }))).toBe(
      `${base}/assets?pageIndex=2`,
    );
    expect(fullUrlOf(config({ baseURL: base, url: '' }))).toBe(base);
    expect(fullUrlOf(config({ url: '/relative' }))).toBe('/relative');
  });

  it('keeps an absolute url unless allowAbsoluteUrls is false', () => {
    const base = 'https://vpp.itunes.apple.com/mdm/v2';
    const other = 'https://example.test/mdm/v2/users';
    expect(fullUrlOf(config({ baseURL: base, url: other }))).toBe(other);
    expect(fullUrlOf(config({ baseURL: base, url: other, allowAbsoluteUrls: false }))).toBe(
      `${base}/${other}`,
    );
  });

  it('reads the host name of absolute URLs only', () => {
    expect(hostnameOf('HTTPS://VPP.iTunes.Apple.com/mdm')).toBe('vpp.itunes.apple.com');
    expect(hostnameOf('/mdm/v2/assets')).toBeNull();
  });
});

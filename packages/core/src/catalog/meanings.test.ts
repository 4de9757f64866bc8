import { describe, expect, it } from 'vitest';
import { CATALOG, KNOWN_ERROR_NUMBERS, lookupCode } from './lookup.js';

describe('codes known from a live service-config list', () => {
  it('9649 is a client_fatal paging bug, with the list it was seen in as its source', () => {
    const entry = lookupCode(9649);
    expect(entry).toMatchObject({
      message: 'A page index is required when passing a request ID.',
      retryClass: 'client_fatal',
      httpStatus: null,
    });
    expect(entry?.meanings?.[0]?.source).toContain('VPPServiceConfigSrv');
    expect(KNOWN_ERROR_NUMBERS.has(9649)).toBe(true);
  });

  it('9729 records both meanings with their sources and says what to do for each; the class stays transient', () => {
    const entry = lookupCode(9729);
    expect(entry?.retryClass).toBe('transient');
    expect(entry?.meanings?.map((m) => m.message)).toEqual([
      'The service is temporarily unavailable. Try again later.',
      'The server has since moved, please refresh DNS entry.',
    ]);
    expect(entry?.meanings?.[0]?.source).toMatch(/^https:\/\/developer\.apple\.com\//);
    expect(entry?.meanings?.[1]?.source).toContain('petarov/apple-mdm-clients');
    expect(entry?.remediation).toMatch(/Retry-After.*retry/);
    expect(entry?.remediation).toMatch(/refetch the service config.*refresh DNS/);
    expect(entry?.olderMessages).toContain('The server has since moved, please refresh DNS entry.');
  });

  it('every recorded meaning names a source and a remediation', () => {
    const withMeanings = CATALOG.filter((e) => e.meanings !== undefined);
    expect(withMeanings.map((e) => e.code)).toEqual([9649, 9729]);
    for (const m of withMeanings.flatMap((e) => e.meanings ?? [])) {
      expect(m.source.length).toBeGreaterThan(20);
      expect(m.remediation.length).toBeGreaterThan(10);
    }
  });
});

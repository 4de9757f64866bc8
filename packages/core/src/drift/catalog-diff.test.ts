import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/lookup.js';
import { diffWithCatalog, isEmptyDiff } from './catalog-diff.js';
import { MAX_LISTED_CODES, MAX_MESSAGE_CHARS, readListedCodes } from './listed-codes.js';
import { LEGACY_EXAMPLE_FILE, readExample, V2_EXAMPLE_FILE } from './test-support/apple-examples.js';

function diffOf(body: unknown) {
  const listed = readListedCodes(body);
  if (listed === null) throw new Error('no errorCodes list');
  return diffWithCatalog(listed);
}

describe("Apple's documented service-config examples against the catalog", () => {
  it('v2 service/config: nothing missing; the codes the example leaves out; eight wordings the catalog never recorded', () => {
    const diff = diffOf(readExample(V2_EXAMPLE_FILE));
    expect(diff.api).toBe('v2');
    expect(diff.missing).toEqual([]);
    // The example predates subscriptions (98xx) and lists none of the codes the v2 error page added later.
    expect(diff.extra).toEqual([
      9622, 9623, 9635, 9637, 9641, 9644, 9647, 9729, 9811, 9812, 9813, 9814, 9815, 9816, 9817, 9818,
    ]);
    expect(diff.wording.map((w) => w.errorNumber)).toEqual([9701, 9702, 9703, 9704, 9705, 9706, 9707, 9708]);
    expect(diff.wording[0]).toEqual({
      errorNumber: 9701,
      appleMessage: 'Max clientUserIds limit on request has been passed, please stay within given limit.',
      catalogMessage:
        'This request exceeds the maximum clientUserIds limit. Change the request to stay within the specified limit.',
    });
  });

  it('legacy VPPServiceConfigSrv: nothing missing; 9638–9640, 9645 and 9649 not listed; Apple ID-era wordings', () => {
    const diff = diffOf(readExample(LEGACY_EXAMPLE_FILE));
    expect(diff.api).toBe('legacy');
    expect(diff.missing).toEqual([]);
    expect(diff.extra).toEqual([9638, 9639, 9640, 9645, 9649]);
    expect(diff.wording.map((w) => w.errorNumber)).toEqual([
      9621, 9623, 9626, 9628, 9630, 9631, 9632, 9633, 9635, 9636, 9637, 9641, 9642, 9643,
    ]);
    expect(diff.wording.find((w) => w.errorNumber === 9635)?.appleMessage).toBe(
      "Apple ID can't be associated with registered user.",
    );
  });

  it('a wording the catalog records as older (9634 "Service removed.") or differing only in case, quotes or a final stop is no difference', () => {
    const diff = diffOf({
      urls: {},
      errorCodes: [
        { errorNumber: 9634, errorMessage: 'Service removed.' },
        { errorNumber: 9601, errorMessage: 'login required' },
        { errorNumber: 9729, errorMessage: 'The server has since moved, please refresh DNS entry.' },
        {
          errorNumber: 9707,
          errorMessage:
            'The asset in the request isn’t device-assignable. Change the request to send device-assignable assets',
        },
      ],
    });
    expect(diff.wording).toEqual([]);
  });

  it('codes the catalog lacks are missing, with Apple’s text; aliases count as known', () => {
    const diff = diffOf({
      limits: {},
      errorCodes: [
        { errorNumber: 9990, errorMessage: 'A code from the future.' },
        {
          errorNumber: 9805,
          errorMessage:
            'This request exceeds the maximum subscriptions limit. Change the request to stay within the specified limit.',
        },
      ],
    });
    expect(diff.missing).toEqual([{ errorNumber: 9990, errorMessage: 'A code from the future.' }]);
    expect(diff.wording).toEqual([]);
    expect(diff.extra).not.toContain(9816);
  });

  it('an empty list of no known API leaves every catalogued Apple code extra', () => {
    const diff = diffOf({ errorCodes: [] });
    expect(diff.api).toBe('unknown');
    expect(diff.extra).toHaveLength(CATALOG.filter((e) => typeof e.code === 'number').length);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(isEmptyDiff({ ...diff, extra: [] })).toBe(true);
  });
});

describe('readListedCodes on bad input', () => {
  it('answers null when there is no list: not an array, not JSON, not an object, a throwing Proxy', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    for (const body of [
      null,
      undefined,
      'nope',
      '{"errorCodes":',
      42,
      [],
      { errorCodes: 'all of them' },
      { errorCodes: { errorNumber: 9601 } },
      { errorCodes: null },
      hostile,
      { errorCodes: revoked.proxy },
    ]) {
      expect(readListedCodes(body)).toBeNull();
    }
  });

  it('reads numbers sent as strings, the archived `errorCode` key, and skips what is not a code', () => {
    const listed = readListedCodes({
      errorCodes: [
        { errorNumber: '9990', errorMessage: 'string number' },
        { errorCode: 9991, errorMessage: 'archived key' },
        { errorNumber: '99x', errorMessage: 'not a number' },
        { errorNumber: -1 },
        { errorNumber: 1.5 },
        { errorNumber: 1e12 },
        'text',
        null,
        { errorNumber: 9990, errorMessage: 'a repeat' },
        { errorNumber: 9992, errorMessage: 42 },
      ],
    });
    expect(listed?.codes).toEqual([
      { errorNumber: 9990, errorMessage: 'string number' },
      { errorNumber: 9991, errorMessage: 'archived key' },
      { errorNumber: 9992, errorMessage: null },
    ]);
    expect(listed?.skipped).toBe(7);
  });

  it(`walks at most ${MAX_LISTED_CODES} entries of a 10,000-entry list, parsed or as text`, () => {
    const errorCodes = Array.from({ length: 10_000 }, (_, i) => ({
      errorNumber: 20_000 + i,
      errorMessage: `e${i}`,
    }));
    const parsed = readListedCodes({ errorCodes });
    expect(parsed?.codes).toHaveLength(MAX_LISTED_CODES);
    expect(parsed?.skipped).toBe(10_000 - MAX_LISTED_CODES);
    // As text it is over 256 KB: not a service config, never parsed.
    const text = JSON.stringify({
      errorCodes: Array.from({ length: 10_000 }, (_, i) => ({
        errorNumber: 20_000 + i,
        errorMessage: 'x'.repeat(30),
      })),
    });
    expect(text.length).toBeGreaterThan(256 * 1024);
    expect(readListedCodes(text)).toBeNull();
  });

  it('keeps a message to one line of bounded length', () => {
    const listed = readListedCodes({
      errorCodes: [
        { errorNumber: 9990, errorMessage: `first\nvppwatch: forged line\r\u2028${'y'.repeat(5000)}` },
      ],
    });
    const message = listed?.codes[0]?.errorMessage ?? '';
    expect(message).not.toMatch(/[\n\r\u2028]/);
    expect(message.startsWith('first vppwatch: forged line y')).toBe(true);
    expect(message.length).toBe(MAX_MESSAGE_CHARS);
  });
});

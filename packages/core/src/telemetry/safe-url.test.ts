import { describe, expect, it } from 'vitest';
import { redactedUrl, semconvMethod } from './safe-url.js';

describe('url.full and http.request.method for spans', () => {
  it('drops credentials and the fragment and redacts every query value, keeping the keys', () => {
    expect(
      redactedUrl('https://u:p@vpp.itunes.apple.com/mdm/v2/users?clientUserId=a%40b&sToken=x&flag#frag'),
    ).toBe('https://vpp.itunes.apple.com/mdm/v2/users?clientUserId=REDACTED&sToken=REDACTED&flag=REDACTED');
    expect(redactedUrl('https://vpp.itunes.apple.com/mdm/v2/assets')).toBe(
      'https://vpp.itunes.apple.com/mdm/v2/assets',
    );
    expect(redactedUrl('/relative/path?x=1')).toBeUndefined();
  });

  it('names known methods and reads any other as _OTHER', () => {
    expect(semconvMethod('POST')).toBe('POST');
    expect(semconvMethod('PURGE')).toBe('_OTHER');
  });
});

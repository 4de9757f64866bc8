// The faults every adapter must survive, as scripted answers of a real loopback server. Each case's first answer
// is the fault; every later request of the case gets `OK`. `expect` is the one outcome the first call must have.

/** A v2 listing, long enough that a reset after a few bytes cuts it in the middle. */
export const OK = {
  status: 200,
  body: {
    assets: Array.from({ length: 20 }, (_, i) => ({ adamId: String(361309726 + i), pricingParam: 'STDQ' })),
    currentPageIndex: 0,
    size: 20,
    totalPages: 1,
    tokenExpirationDate: '2031-05-06T07:08:09+0000',
  },
};

const throttled = (headers) => ({
  status: 429,
  headers,
  body: { errorNumber: 9646, errorMessage: 'Too many requests' },
});
const httpDate = (ms) => new Date(ms).toUTCString();
const resolved = 'resolved';
const lostBody = { code: 'ERR_VPP_NETWORK', reason: 'unsafe_method' };
const notJson = { code: 'ERR_VPP_API', reason: 'unsafe_method' };
const tooLong = { code: 'ERR_VPP_RETRY_AFTER', reason: 'retry_after_too_long' };
const HTML = '<html><head><title>502</title></head><body>Bad gateway</body></html>';
const CUT_JSON = JSON.stringify(OK.body).slice(0, 60);

/**
 * @type {{ id: string, method: 'GET' | 'POST', fault: () => object, expect: 'resolved' | { code: string, reason: string } }[]}
 */
export const FAULT_CASES = [
  {
    id: 'reset mid-body on 200, GET',
    method: 'GET',
    fault: () => ({ ...OK, resetAfterBytes: 40 }),
    expect: resolved,
  },
  {
    id: 'reset mid-body on 200, POST',
    method: 'POST',
    fault: () => ({ ...OK, resetAfterBytes: 40 }),
    expect: lostBody,
  },
  {
    id: 'reset mid-body on 400, GET',
    method: 'GET',
    fault: () => ({
      status: 400,
      body: { errorNumber: 9717, errorMessage: 'x'.repeat(200) },
      resetAfterBytes: 20,
    }),
    expect: resolved,
  },
  {
    id: 'reset mid-body on 500, GET',
    method: 'GET',
    fault: () => ({
      status: 500,
      body: { errorNumber: 9603, errorMessage: 'x'.repeat(200) },
      resetAfterBytes: 20,
    }),
    expect: resolved,
  },
  {
    id: 'reset mid-body on 503, POST',
    method: 'POST',
    fault: () => ({
      status: 503,
      body: { errorNumber: 9603, errorMessage: 'x'.repeat(200) },
      resetAfterBytes: 20,
    }),
    expect: lostBody,
  },
  {
    id: 'truncated JSON on 200, GET',
    method: 'GET',
    fault: () => ({ status: 200, body: CUT_JSON }),
    expect: resolved,
  },
  {
    id: 'truncated JSON on 200, POST',
    method: 'POST',
    fault: () => ({ status: 200, body: CUT_JSON }),
    expect: notJson,
  },
  {
    id: 'HTML on 200, GET',
    method: 'GET',
    fault: () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: HTML }),
    expect: resolved,
  },
  {
    id: 'HTML on 200, POST',
    method: 'POST',
    fault: () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: HTML }),
    expect: notJson,
  },
  {
    id: 'Retry-After 999999999999999',
    method: 'GET',
    fault: () => throttled({ 'retry-after': '999999999999999' }),
    expect: tooLong,
  },
  {
    id: 'Retry-After 999999999 (2058)',
    method: 'POST',
    fault: () => throttled({ 'retry-after': '999999999' }),
    expect: tooLong,
  },
  { id: 'Retry-After -5', method: 'GET', fault: () => throttled({ 'retry-after': '-5' }), expect: resolved },
  {
    id: 'Retry-After -0.5',
    method: 'GET',
    fault: () => throttled({ 'retry-after': '-0.5' }),
    expect: resolved,
  },
  {
    id: 'Retry-After a date in 1970',
    method: 'GET',
    fault: () => throttled({ 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' }),
    expect: resolved,
  },
  {
    id: 'Retry-After year 275760 against Date 1970',
    method: 'GET',
    fault: () =>
      throttled({ 'retry-after': 'Sat, 13 Sep 275760 00:00:00 GMT', date: 'Thu, 01 Jan 1970 00:00:00 GMT' }),
    expect: tooLong,
  },
  {
    id: 'Retry-After past what a Date holds',
    method: 'GET',
    fault: () => throttled({ 'retry-after': 'Sun, 14 Sep 275760 00:00:00 GMT' }),
    expect: resolved,
  },
  {
    id: 'Date 1970, Retry-After in 1 s by the local clock',
    method: 'GET',
    fault: () =>
      throttled({ 'retry-after': httpDate(Date.now() + 1000), date: 'Thu, 01 Jan 1970 00:00:00 GMT' }),
    expect: tooLong,
  },
  {
    id: 'Date 2090, Retry-After in 1 s by the local clock',
    method: 'GET',
    fault: () =>
      throttled({ 'retry-after': httpDate(Date.now() + 1000), date: 'Mon, 01 Jan 2090 00:00:00 GMT' }),
    expect: resolved,
  },
  {
    id: 'Date 2090, Retry-After 0',
    method: 'POST',
    fault: () => throttled({ 'retry-after': '0', date: 'Mon, 01 Jan 2090 00:00:00 GMT' }),
    expect: resolved,
  },
];

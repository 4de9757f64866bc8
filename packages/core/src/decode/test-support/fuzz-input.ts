import { readdirSync, readFileSync } from 'node:fs';
import { FIXTURE_DIR, FIXTURE_INDEX } from './fixtures.js';

/** A small, fast PRNG (mulberry32): the same seed gives the same inputs, so a failing batch can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Real answers (the decoder's fixtures) plus shapes of every format, as texts to mutate. */
const CORPUS: readonly string[] = [
  ...readdirSync(FIXTURE_DIR)
    .filter((name) => name in FIXTURE_INDEX)
    .map((name) => readFileSync(`${FIXTURE_DIR}${name}`, 'utf8')),
  '{"status":-3,"associations":[{"serialNumber":"C02X","errorNumber":9610,"errorMessage":"m"}],"tokenExpDate":"2031-05-06T07:08:09+0000"}',
  '{"eventStatus":"FAILED","failures":[{"errorNumber":9709,"errorInfo":{"clientUserIds":["u"]}}],"numCompleted":1}',
  '{"error":"invalid-parameter","message":"bad","params":{"a":1}}',
  '{"error":"session-expired","state":"failed"}',
  '{"assets":[],"expirationMillis":1900000000000,"tokenExpirationDate":"2099-01-01T00:00:00Z"}',
  '{"notification":{"error":{"errorNumber":9616},"result":"FAILURE","assignments":[{"adamId":"1"}]}}',
];

/** Pieces that break parsers: structure, escapes, numbers no Date or integer can hold, the keys recognizers read. */
const SPLICES: readonly string[] = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  '\\u00',
  '\\ud800',
  '\u0000',
  '\uffff',
  '-',
  '-0',
  '1e999',
  '-1e999',
  '9'.repeat(30),
  '0.0000001',
  'null',
  'true',
  '"errorNumber":',
  '"status":-1,',
  '"status":-3,',
  '"error":"',
  '"errorInfo":{',
  '"failures":[',
  '"notification":{',
  '"eventStatus":"FAILED"',
  '"tokenExpDate":"+275760-09-13"',
  '"expirationMillis":1e300,',
  '"tokenExpirationDate":"x"',
  '"associations":[{"errorNumber":',
  '__proto__',
  '"constructor":{',
  '<html>',
  '\r\n',
  ' '.repeat(50),
];

const RETRY_AFTER: readonly unknown[] = [
  '0',
  '1',
  '1.5',
  '-5',
  '-0.5',
  '999999999',
  '999999999999999',
  '9'.repeat(40),
  '1e3',
  'NaN',
  '',
  ' 7 ',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Mon, 01 Jan 2090 00:00:00 GMT',
  'Sat, 13 Sep 275760 00:00:00 GMT',
  'Sun, 14 Sep 275760 00:00:00 GMT',
  'Sunday, 22-Nov-26 10:01:00 GMT',
  'Sun Nov 22 10:01:00 2026',
  'Jan',
  1e300,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  ['2', '9'],
  [],
  {},
  null,
  undefined,
];
const DATES: readonly unknown[] = [
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Mon, 01 Jan 2090 00:00:00 GMT',
  'Sat, 13 Sep 275760 00:00:00 GMT',
  'Sun, 22 Nov 2026 10:00:00 GMT',
  'garbage',
  'Feb 30',
  12,
  undefined,
];
const STATUSES: readonly unknown[] = [
  200,
  200,
  200,
  201,
  204,
  302,
  400,
  401,
  403,
  404,
  429,
  500,
  502,
  503,
  0,
  99,
  600,
  '200',
  ' 503 ',
  null,
  Number.NaN,
  -200,
  2.5,
  undefined,
];
const VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -0,
  -1,
  -3,
  9603,
  9616,
  9646,
  1e300,
  -1e300,
  Number.MAX_SAFE_INTEGER + 2,
  'plantcuid-44d2',
  '9646',
  ' 9610 ',
  '',
  'x'.repeat(200),
  [],
  [null],
  {},
  { errorNumber: 9610 },
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** A corpus text with one to four byte-level mutations: cut, splice, delete, duplicate, or another text joined. */
function mutateText(rand: Rand): string {
  let text = pick(rand, CORPUS);
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (text.length + 1));
    switch (Math.floor(rand() * 5)) {
      case 0:
        text = text.slice(0, at);
        break;
      case 1:
        text = text.slice(0, at) + pick(rand, SPLICES) + text.slice(at);
        break;
      case 2:
        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 8));
        break;
      case 3:
        text = text.slice(0, at) + text.slice(Math.max(0, at - 20), at) + text.slice(at);
        break;
      default:
        text = text.slice(0, at) + pick(rand, CORPUS).slice(Math.floor(rand() * 40));
    }
  }
  return text;
}

const PARSED: readonly unknown[] = CORPUS.flatMap((text) => {
  try {
    return [JSON.parse(text) as unknown];
  } catch {
    return [];
  }
});

/** A parsed corpus body with values swapped for hostile ones, at any depth (a copy: the corpus stays as it is). */
function mutateValue(rand: Rand): unknown {
  const value = pick(rand, PARSED);
  const swap = (node: unknown, depth: number): unknown => {
    if (rand() < 0.15) return pick(rand, VALUES);
    if (depth > 6 || typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map((item) => swap(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) out[key] = swap(item, depth + 1);
    return out;
  };
  return swap(value, 0);
}

/** One decoder input: a status, headers as a server might send them, and a body as a client might hand it over. */
export function fuzzInput(rand: Rand): { status: unknown; headers: unknown; body: unknown } {
  const headers: Record<string, unknown> = {};
  if (rand() < 0.5) headers[rand() < 0.5 ? 'retry-after' : 'Retry-After'] = pick(rand, RETRY_AFTER);
  if (rand() < 0.4) headers[rand() < 0.5 ? 'date' : 'Date'] = pick(rand, DATES);
  const kind = rand();
  const text = kind < 0.7 ? mutateText(rand) : '';
  const body =
    kind < 0.55
      ? text
      : kind < 0.7
        ? Buffer.from(text)
        : kind < 0.97
          ? mutateValue(rand)
          : pick(rand, VALUES);
  return { status: pick(rand, STATUSES), headers, body };
}

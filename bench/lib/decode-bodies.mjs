// Representative error responses for the decode bench, as the bytes an HTTP client receives. Three come from
// @vppwatch/core's fixtures (taken from Apple's documentation); the 9646 one is what a throttled v2 call answers.
import { readFileSync } from 'node:fs';
import { lookupCode } from '@vppwatch/core';

const fixtures = new URL('../../packages/core/test-fixtures/', import.meta.url);
const fixture = (/** @type {string} */ name) => readFileSync(new URL(name, fixtures));

/**
 * @typedef {object} DecodeCase
 * @property {string} id
 * @property {string} label
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {Buffer} bytes  the body as received
 * @property {boolean} json  whether the body is JSON (the baseline parses it) or not (the baseline only decodes the bytes)
 */

/** @type {readonly DecodeCase[]} */
export const DECODE_CASES = [
  {
    id: 'legacy-9616',
    label: 'legacy 9616 with details (HTTP 200, status -1)',
    status: 200,
    headers: { 'content-type': 'application/json' },
    bytes: fixture('legacy-9616-both-details.json'),
    json: true,
  },
  {
    id: 'v2-9646-429',
    label: 'v2 9646 on 429 + Retry-After: 1',
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': '1', date: new Date().toUTCString() },
    bytes: Buffer.from(JSON.stringify({ errorNumber: 9646, errorMessage: lookupCode(9646)?.message ?? '' })),
    json: true,
  },
  {
    id: 'v2-status-failures',
    label: 'v2 status endpoint, FAILED with failures[]',
    status: 200,
    headers: { 'content-type': 'application/json' },
    bytes: fixture('v2-status-9609.json'),
    json: true,
  },
  {
    id: 'html-503',
    label: 'HTML 503 from a proxy, Retry-After as HTTP-date',
    status: 503,
    headers: {
      'content-type': 'text/html',
      date: 'Sun, 22 Nov 2026 10:00:00 GMT',
      'retry-after': 'Sun, 22 Nov 2026 10:02:00 GMT',
    },
    bytes: fixture('proxy-503.html'),
    json: false,
  },
];

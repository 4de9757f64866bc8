import { asFiniteNumber, prop } from './fields.js';
import { isValidEpochMs } from './time-bounds.js';

const DATE_KEYS = ['tokenExpirationDate', 'tokenExpDate'];
/** A token announces the same expiry on every response: parse each distinct date string once. */
const parsedDates = new Map<string, number>();

let lastDate = '';
let lastMs = Number.NaN;

function parseDate(value: string): number {
  if (value === lastDate) return lastMs;
  let ms = parsedDates.get(value);
  if (ms === undefined) {
    if (parsedDates.size >= 256) parsedDates.clear();
    ms = Date.parse(value);
    parsedDates.set(value, ms);
  }
  lastDate = value;
  lastMs = ms;
  return ms;
}

/**
 * Epoch ms of the token expiry a response announces (v2 `tokenExpirationDate`, legacy `tokenExpDate` /
 * `expirationMillis`). A time a `Date` cannot hold, or one before 1970, is no expiry at all: null.
 */
export function readTokenExpiry(body: unknown): number | null {
  for (const key of DATE_KEYS) {
    const value = prop(body, key);
    if (typeof value === 'string' && value.length < 100) {
      const ms = parseDate(value);
      if (isValidEpochMs(ms)) return ms;
    }
  }
  const millis = asFiniteNumber(prop(body, 'expirationMillis'));
  return millis !== null && isValidEpochMs(millis) ? millis : null;
}

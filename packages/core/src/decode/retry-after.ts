import { asText } from './fields.js';
import { clampRetryAfterMs } from './time-bounds.js';

const DELTA_SECONDS = /^\s*(\d{1,15})(\.\d+)?\s*$/;
const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** Epoch ms of an HTTP-date (IMF-fixdate, RFC 850 or asctime), or null. Bare numbers are not dates here. */
export function parseHttpDate(value: unknown): number | null {
  const text = asText(Array.isArray(value) ? value[0] : value);
  if (text === null || text.length > 100 || !MONTH.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Parses a `Retry-After` value into a wait in ms: delta-seconds (`120`, `0`, `1.5`) or an HTTP-date. A date is
 * measured against the response's own `Date` header when usable (so a skewed local clock does not matter), else
 * against `now`. Clamped to `[0, MAX_RETRY_AFTER_MS]` (24 h): an absurd value (`999999999`, a date in year 275760,
 * a `Date` header in 1970) becomes 24 h, never a number a `Date` cannot hold. Null when absent or unparsable.
 *
 * @example
 * ```ts
 * parseRetryAfter('120'); // 120000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', 'Wed, 21 Oct 2015 07:28:00 GMT'); // 30000
 * ```
 */
export function parseRetryAfter(value: unknown, dateHeader?: unknown, now?: number): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? clampRetryAfterMs(raw * 1000) : null;
  const text = asText(raw);
  if (text === null) return null;
  const delta = DELTA_SECONDS.exec(text);
  if (delta) return clampRetryAfterMs(Number(text.trim()) * 1000);
  const at = parseHttpDate(text);
  if (at === null) return null;
  const base =
    parseHttpDate(dateHeader) ?? (typeof now === 'number' && Number.isFinite(now) ? now : Date.now());
  return clampRetryAfterMs(at - base);
}

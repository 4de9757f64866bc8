import { readBody } from './body.js';
import { makeFailure } from './failure.js';
import { asRecord, prop } from './fields.js';
import { getHeader } from './headers.js';
import { recognizeLegacy } from './legacy.js';
import { recognizeNotification } from './notification.js';
import { quickScan } from './quick-scan.js';
import type { Recognized, Recognizer } from './recognized.js';
import { parseRetryAfter } from './retry-after.js';
import { recognizeKnownRiCloud, recognizeRiCloud } from './ricloud.js';
import { mostSevereRetryClass } from './severity.js';
import { readTokenExpiry } from './token-expiry.js';
import type { DecodedResponse, DecodeInput, DecodeOptions, ResponseFormat, VppFailure } from './types.js';
import { recognizeV2Error } from './v2.js';
import { recognizeV2Status } from './v2-status.js';

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Most specific first: a notification wraps its own error, a documented riCloud code wins over a `status: -1`
 * beside it, a legacy envelope also carries errorNumber.
 */
const RECOGNIZERS: readonly Recognizer[] = [
  recognizeNotification,
  recognizeKnownRiCloud,
  recognizeLegacy,
  recognizeV2Status,
  recognizeV2Error,
  recognizeRiCloud,
];

interface Settings {
  readonly maxBodyBytes: number;
  readonly now: () => number;
}

/**
 * Decodes one Apple VPP / Apps and Books (or riCloud) response, notification or status body into classified
 * failures. Reads the body on every HTTP status (Apple sends errors with 200), never throws, and never parses
 * a body larger than `maxBodyBytes`.
 *
 * @example
 * ```ts
 * const decoded = decodeResponse({ status: 429, headers: res.headers, body: res.data });
 * if (decoded.retryClass === 'throttled') await sleep(decoded.retryAfterMs ?? 5_000);
 * ```
 */
export function decodeResponse(input: DecodeInput, options?: DecodeOptions): DecodedResponse {
  let httpStatus: number | null = null;
  try {
    httpStatus = readStatus(prop(input, 'status'));
    return decode(input, httpStatus, normalizeOptions(options));
  } catch {
    // Last line of defence: whatever went wrong, the HTTP status still classifies the response.
    return assemble('unrecognized', httpStatus, { failures: [], partial: false }, null, null);
  }
}

/**
 * {@link decodeResponse} without its last line of defence, for the fuzz test: whatever this throws is a bug the
 * catch would otherwise hide. Not exported from the package.
 */
export function decodeUnguarded(input: DecodeInput, options?: DecodeOptions): DecodedResponse {
  return decode(input, readStatus(prop(input, 'status')), normalizeOptions(options));
}

function decode(input: DecodeInput, httpStatus: number | null, settings: Settings): DecodedResponse {
  const headers = prop(input, 'headers') as DecodeInput['headers'];
  const retryAfter = getHeader(headers, 'retry-after');
  const retryAfterMs =
    retryAfter === null
      ? null
      : parseRetryAfter(retryAfter, getHeader(headers, 'date'), safeNow(settings.now));
  const rawBody = prop(input, 'body');
  // Most answers are plain successes: when no recognizer can match, skip the parse and the recognizers.
  const quick = typeof rawBody === 'string' ? quickScan(rawBody, settings.maxBodyBytes) : null;
  if (quick !== null) return assemble('unrecognized', httpStatus, null, retryAfterMs, quick.tokenExpiresAt);
  const content = readBody(rawBody, settings.maxBodyBytes);
  if (content.kind === 'truncated') {
    return { ...assemble('unrecognized', httpStatus, null, retryAfterMs, null), truncated: true };
  }
  if (content.kind === 'empty') return assemble('empty', httpStatus, null, retryAfterMs, null);
  if (content.kind === 'text') {
    return assemble('unrecognized', httpStatus, notJson(httpStatus), retryAfterMs, null);
  }
  const body = asRecord(content.value);
  if (body === null) return assemble('unrecognized', httpStatus, null, retryAfterMs, null);
  const tokenExpiresAt = readTokenExpiry(body);
  for (const recognize of RECOGNIZERS) {
    const found = recognize(body, { httpStatus });
    if (found) return assemble(found.format, httpStatus, found, retryAfterMs, tokenExpiresAt);
  }
  return assemble('unrecognized', httpStatus, null, retryAfterMs, tokenExpiresAt);
}

/**
 * Apple's APIs answer JSON. A 2xx whose body is not JSON (an HTML page from a proxy, JSON cut off in the middle)
 * is not an answer the caller can use: a transient failure without a code, so a GET is sent again.
 */
function notJson(httpStatus: number | null): Pick<Recognized, 'failures' | 'partial'> | null {
  if (httpStatus === null || httpStatus < 200 || httpStatus > 299) return null;
  const failure = makeFailure({ code: null, httpStatus, source: 'response', fallback: NOT_JSON });
  return { failures: [failure], partial: false };
}

const NOT_JSON = {
  retryClass: 'transient',
  message: 'The response body is not JSON: cut off, or a page from something between you and Apple.',
} as const;

/** Adds the HTTP-status failure when nothing in the body explains an error status, then derives the outcome. */
function assemble(
  format: ResponseFormat,
  httpStatus: number | null,
  found: Pick<Recognized, 'failures' | 'partial' | 'eventStatus' | 'eventType'> | null,
  retryAfterMs: number | null,
  tokenExpiresAt: number | null,
): DecodedResponse {
  let failures = found?.failures ?? [];
  if (failures.length === 0 && httpStatus !== null && httpStatus >= 400) {
    failures = [makeFailure({ code: null, httpStatus, source: 'response' })];
  }
  const outcome = failures.length === 0 ? 'success' : found?.partial ? 'partial' : 'failure';
  const decoded: { -readonly [K in keyof DecodedResponse]: DecodedResponse[K] } = {
    outcome,
    format,
    failures,
    retryClass: failures.length === 0 ? null : mostSevereRetryClass(failures.map((f) => f.retryClass)),
    retryAfterMs,
    tokenExpiresAt,
    httpStatus,
  };
  const minRetryAfterMs = longestMinimumWait(failures);
  if (minRetryAfterMs !== null) decoded.minRetryAfterMs = minRetryAfterMs;
  if (found?.eventStatus) decoded.eventStatus = found.eventStatus;
  if (found?.eventType) decoded.eventType = found.eventType;
  return decoded;
}

function longestMinimumWait(failures: readonly VppFailure[]): number | null {
  let longest: number | null = null;
  for (const f of failures) {
    if (f.minRetryAfterMs !== undefined && (longest === null || f.minRetryAfterMs > longest)) {
      longest = f.minRetryAfterMs;
    }
  }
  return longest;
}

function readStatus(value: unknown): number | null {
  const status = typeof value === 'string' && /^\d{3}$/.test(value.trim()) ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599
    ? status
    : null;
}

let lastOptions: DecodeOptions | undefined;
let lastSettings: Settings | undefined;

function normalizeOptions(options: DecodeOptions | undefined): Settings {
  // An engine passes the same frozen options on every decode: read them once.
  if (
    options !== undefined &&
    options === lastOptions &&
    lastSettings !== undefined &&
    Object.isFrozen(options)
  ) {
    return lastSettings;
  }
  lastOptions = options;
  lastSettings = readSettings(options);
  return lastSettings;
}

function readSettings(options: DecodeOptions | undefined): Settings {
  const max = prop(options, 'maxBodyBytes');
  const now = prop(options, 'now');
  return {
    maxBodyBytes: typeof max === 'number' && max >= 0 && !Number.isNaN(max) ? max : DEFAULT_MAX_BODY_BYTES,
    now: typeof now === 'function' ? (now as () => number) : Date.now,
  };
}

function safeNow(now: () => number): number {
  try {
    const value = now();
    return typeof value === 'number' && Number.isFinite(value) ? value : Date.now();
  } catch {
    return Date.now();
  }
}

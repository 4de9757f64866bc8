import { lookupCode } from '../catalog/lookup.js';
import { makeFailure, normalizeCode } from './failure.js';
import { asRecord, prop } from './fields.js';
import type { RecognizeContext, Recognized, Recognizer } from './recognized.js';

/** True when `code` is one of riCloud's documented string codes. */
function isRiCloudCode(code: string | number | null): boolean {
  return typeof code === 'string' && lookupCode(code)?.api === 'ricloud';
}

/**
 * A body whose `error` is a documented riCloud code, whatever else it carries: `{"error":"invalid-body"}` with no
 * message, or one that also has a legacy-looking `status: -1`. Runs before the Apple recognizers so that the code
 * is kept.
 */
export const recognizeKnownRiCloud: Recognizer = (body, ctx) => {
  const code = prop(body, 'error');
  if (typeof code !== 'string' || !isRiCloudCode(normalizeCode(code))) return null;
  return riCloudFailure(body, ctx);
};

/**
 * riCloud's error body `{error: "<code>", message, params?}` with a code the catalog does not know, and a
 * session/task resource whose `state` failed with an `error` code (delivered later, so source `event`).
 */
export const recognizeRiCloud: Recognizer = (body, ctx) => {
  const code = prop(body, 'error');
  // A proxy's `{"error": "Service Unavailable"}` is not riCloud; only code-shaped strings are.
  if (typeof code !== 'string' || typeof normalizeCode(code) !== 'string') return null;
  const hasMessage = typeof prop(body, 'message') === 'string';
  const isResource = typeof prop(body, 'state') === 'string' && !hasMessage;
  if (!isResource && !hasMessage && prop(body, 'params') === undefined) return null;
  return riCloudFailure(body, ctx);
};

function riCloudFailure(body: Readonly<Record<string, unknown>>, ctx: RecognizeContext): Recognized {
  const message = prop(body, 'message');
  const isResource = typeof prop(body, 'state') === 'string' && typeof message !== 'string';
  const params = asRecord(prop(body, 'params'));
  const failure = makeFailure({
    code: prop(body, 'error'),
    serverMessage: message,
    httpStatus: isResource ? null : ctx.httpStatus,
    source: isResource ? 'event' : 'response',
  });
  return { format: 'ricloud', failures: [params ? { ...failure, params } : failure], partial: false };
}

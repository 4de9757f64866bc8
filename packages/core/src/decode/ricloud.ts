import { makeFailure, normalizeCode } from './failure.js';
import { asRecord, prop } from './fields.js';
import type { Recognizer } from './recognized.js';

/**
 * riCloud's error body `{error: "<code>", message, params?}`, and a session/task resource whose `state` failed
 * with an `error` code (delivered later, so source `event`).
 */
export const recognizeRiCloud: Recognizer = (body, ctx) => {
  const code = prop(body, 'error');
  // A proxy's `{"error": "Service Unavailable"}` is not riCloud; only code-shaped strings are.
  if (typeof code !== 'string' || typeof normalizeCode(code) !== 'string') return null;
  const message = prop(body, 'message');
  const state = prop(body, 'state');
  const isResource = typeof state === 'string' && typeof message !== 'string';
  if (!isResource && typeof message !== 'string' && prop(body, 'params') === undefined) return null;
  const params = asRecord(prop(body, 'params'));
  const failure = makeFailure({
    code,
    serverMessage: message,
    httpStatus: isResource ? null : ctx.httpStatus,
    source: isResource ? 'event' : 'response',
  });
  return { format: 'ricloud', failures: [params ? { ...failure, params } : failure], partial: false };
};

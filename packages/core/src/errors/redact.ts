import { closedCode } from '../decode/closed-code.js';
import type { DecodedResponse, VppFailure } from '../decode/types.js';

/**
 * A failure as a {@link VppError} shows it: code (closed set, or a number Apple's own error list taught the engine),
 * class, status, source, the catalog's variant, the documents' minimum wait and the catalog's or Apple's wording.
 * What the server said (`serverMessage`, `entities`, `alreadyAssigned`, `params`) may name users, devices and
 * tokens, so it is left out; `error.unredacted()` still has it.
 */
export function redactFailure(failure: VppFailure): VppFailure {
  // A learned code is a number from Apple's published list, not something a request echoed back.
  const learnedCode = failure.learned === true && typeof failure.code === 'number';
  return {
    code: learnedCode ? failure.code : closedCode(failure.code),
    known: failure.known,
    message: failure.message,
    serverMessage: null,
    retryClass: failure.retryClass,
    httpStatus: failure.httpStatus,
    source: failure.source,
    ...(failure.learned === true ? { learned: true as const } : {}),
    ...(failure.variant === undefined ? {} : { variant: failure.variant }),
    ...(failure.minRetryAfterMs === undefined ? {} : { minRetryAfterMs: failure.minRetryAfterMs }),
  };
}

/** The decoded answer with every failure redacted. */
export function redactDecoded(decoded: DecodedResponse): DecodedResponse {
  return { ...decoded, failures: decoded.failures.map(redactFailure) };
}

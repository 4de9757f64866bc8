import { closedCode } from '../decode/closed-code.js';
import type { DecodedResponse, VppFailure } from '../decode/types.js';

/**
 * A failure as a {@link VppError} shows it: code (closed set), class, status, source and the catalog's wording.
 * What the server said (`serverMessage`, `entities`, `alreadyAssigned`, `params`) may name users, devices and
 * tokens, so it is left out; `error.unredacted()` still has it.
 */
export function redactFailure(failure: VppFailure): VppFailure {
  return {
    code: closedCode(failure.code),
    known: failure.known,
    message: failure.message,
    serverMessage: null,
    retryClass: failure.retryClass,
    httpStatus: failure.httpStatus,
    source: failure.source,
  };
}

/** The decoded answer with every failure redacted. */
export function redactDecoded(decoded: DecodedResponse): DecodedResponse {
  return { ...decoded, failures: decoded.failures.map(redactFailure) };
}

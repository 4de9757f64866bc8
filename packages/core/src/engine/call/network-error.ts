/** Error codes that mean the request never reached the server (nothing to duplicate). */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Follows `cause` a few levels to find a Node/undici error `code` (fetch wraps it in TypeError('fetch failed')). */
export function errorCodeOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** True when the error proves the request was never sent (connection refused, DNS failure, no route). */
export function isProvablyNotSent(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== null && NOT_SENT_CODES.has(code);
}

export { errorTypeOf } from '../../shared/error-type.js';

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

/** A low-cardinality name for an error: its class name, or `_OTHER`. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) {
    // DOMException's class name hides the useful part (TimeoutError, AbortError).
    const name = error instanceof DOMException ? error.name : (error.constructor?.name ?? error.name);
    return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) ? name : '_OTHER';
  }
  return '_OTHER';
}

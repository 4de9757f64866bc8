/** A low-cardinality name for an error: its class name, or `_OTHER`. Never its message, which may echo data. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) {
    // DOMException's class name hides the useful part (TimeoutError, AbortError).
    const name = error instanceof DOMException ? error.name : (error.constructor?.name ?? error.name);
    return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) ? name : '_OTHER';
  }
  return '_OTHER';
}

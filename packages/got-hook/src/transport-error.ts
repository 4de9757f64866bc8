// got's error classes for a failed exchange with the server (got's own RequestError with a system code is too).
const transportErrorNames = new Set(['TimeoutError', 'ReadError', 'UploadError', 'AbortError']);
// Node's non-system codes that still mean the connection failed.
const transportCodePrefixes = [
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_HTTP2_',
  'ERR_SOCKET_',
  'ERR_SSL_',
  'ERR_TLS_',
];

/**
 * True when an error without a response is about the exchange with the server (refused, reset, timed out,
 * aborted), which the engine decides on. False for everything else got may end a request with: invalid options,
 * a hook that threw, a redirect loop. Those are not attempts that failed; the call ends with them as they are.
 */
export function isTransportError(error: { readonly name: string; readonly code?: string }): boolean {
  if (transportErrorNames.has(error.name)) return true;
  const code = error.code ?? '';
  // System errors: ECONNRESET, ECONNREFUSED, EPIPE, ENOTFOUND, EAI_AGAIN, ETIMEDOUT, …
  if (/^E[A-Z0-9]+$/.test(code)) return true;
  return transportCodePrefixes.some((prefix) => code.startsWith(prefix));
}

/**
 * `url.full` for a span: no credentials, no fragment, and every query value replaced by `REDACTED` (a query can
 * carry a token, an email or a clientUserId; the keys alone tell which call it was). Undefined for a URL that
 * does not parse.
 */
export function redactedUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  if (parsed.search !== '') {
    const keys = [...parsed.searchParams.keys()];
    parsed.search = keys.map((key) => `${encodeURIComponent(key)}=REDACTED`).join('&');
  }
  return parsed.href;
}

const KNOWN_METHODS = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
]);

/** `http.request.method` by the HTTP semantic conventions: a known method, else `_OTHER`. */
export function semconvMethod(method: string): string {
  return KNOWN_METHODS.has(method) ? method : '_OTHER';
}

import { createHash } from 'node:crypto';
import { BoundedCache } from '../../shared/bounded-cache.js';
import { originOf } from '../../shared/url-origin.js';

const BEARER = /^bearer\s+/i;
const CANONICAL = 'Authorization';
/**
 * Digest per `host \0 token`: the same tenant sends request after request, and SHA-256 is the costliest step of
 * naming it. The key lives in process memory only, like the request headers it came from; it is never logged.
 */
const digests = new BoundedCache<string>(1024);

function authorizationOf(headers: Readonly<Record<string, unknown>> | undefined): string | null {
  const name = 'authorization';
  if (headers === undefined || headers === null) return null;
  // The usual spellings first: axios keeps one key per header, got lower-cases them, so no scan is needed.
  const direct = headers[name] ?? headers[CANONICAL];
  if (typeof direct === 'string') return direct;
  // A fetch `Headers` (or anything with a case-insensitive getter) keeps its entries out of Object.entries.
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    if (typeof value === 'string') return value;
  }
  for (const key of Object.keys(headers)) {
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const value = headers[key];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : null;
  }
  return null;
}

function bodyToken(body: unknown): string | null {
  if (typeof body === 'string') {
    // Only bodies that can hold a legacy sToken are parsed; anything else is left alone.
    if (!body.includes('"sToken"')) return null;
    try {
      return bodyToken(JSON.parse(body));
    } catch {
      return null;
    }
  }
  if (typeof body === 'object' && body !== null && !ArrayBuffer.isView(body)) {
    const token = (body as { sToken?: unknown }).sToken;
    return typeof token === 'string' && token.length > 0 ? token : null;
  }
  return null;
}

/** Digest per `Authorization` value as sent (the same string object request after request), with its host. */
const byAuthorization = new BoundedCache<{ readonly host: string; readonly digest: string }>(1024);

function digestOf(host: string, token: string): string {
  const key = `${host}\0${token}`;
  return (
    digests.get(key) ??
    digests.set(key, createHash('sha256').update(host).update('\0').update(token).digest('base64url'))
  );
}

/** {@link tenantKeyOf} for a URL whose host is already known. */
export function tenantKeyFor(
  host: string,
  request: { readonly headers?: Readonly<Record<string, unknown>>; readonly body?: unknown },
): string {
  const auth = authorizationOf(request.headers);
  if (auth !== null) {
    const known = byAuthorization.get(auth);
    if (known !== undefined && known.host === host) return known.digest;
  }
  const bearer = auth !== null && BEARER.test(auth) ? auth.replace(BEARER, '').trim() : null;
  if (auth !== null && bearer)
    return byAuthorization.set(auth, { host, digest: digestOf(host, bearer) }).digest;
  return digestOf(host, bodyToken(request.body) || '');
}

/**
 * The tenant a request belongs to: a SHA-256 digest of the URL host and the sToken (Bearer header or legacy body).
 * The digest alone names the tenant everywhere (store, limiter, metrics); the token never reaches telemetry or logs.
 */
export function tenantKeyOf(request: {
  readonly url: string;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}): string {
  return tenantKeyFor(originOf(request.url).host, request);
}

import { BoundedCache } from './bounded-cache.js';

/** What the engine reads from a URL's origin: the tenant's host and the span's server attributes. */
export interface UrlOrigin {
  /** `host[:port]` as WHATWG URL gives it; '' when the URL does not parse. */
  readonly host: string;
  readonly address: string | null;
  readonly port: number | null;
}

const INVALID: UrlOrigin = { host: '', address: null, port: null };
// `scheme://authority`, cut where the URL parser itself ends the authority; anything unusual (spaces,
// backslashes, no scheme) takes the uncached path.
const ORIGIN = /^[a-zA-Z][a-zA-Z\d+\-.]*:\/\/[^/?#\\\s]+(?=$|[/?#])/;
const origins = new BoundedCache<UrlOrigin>(256);

function parse(url: string): UrlOrigin {
  try {
    const parsed = new URL(url);
    const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'http:' ? 80 : 443;
    return { host: parsed.host, address: parsed.hostname, port };
  } catch {
    return INVALID;
  }
}

/** Host, hostname and port of an absolute URL, parsed once per distinct origin. */
export function originOf(url: string): UrlOrigin {
  const prefix = ORIGIN.exec(url)?.[0];
  if (prefix === undefined) return parse(url);
  return origins.get(prefix) ?? origins.set(prefix, parse(`${prefix}/`));
}

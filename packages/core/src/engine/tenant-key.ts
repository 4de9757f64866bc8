import { createHash } from 'node:crypto';

function headerValue(headers: Readonly<Record<string, unknown>> | undefined, name: string): string | null {
  if (headers === undefined || headers === null) return null;
  // A fetch `Headers` (or anything with a case-insensitive getter) keeps its entries out of Object.entries.
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    if (typeof value === 'string') return value;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * The tenant a request belongs to: a SHA-256 digest of the URL host and the sToken (Bearer header or legacy body).
 * The raw token is hashed at once and never kept, logged or used as a label.
 */
export function tenantKeyOf(request: {
  readonly url: string;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}): string {
  const auth = headerValue(request.headers, 'authorization');
  const bearer = auth !== null && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : null;
  const token = bearer || bodyToken(request.body) || '';
  return createHash('sha256').update(hostOf(request.url)).update('\0').update(token).digest('base64url');
}

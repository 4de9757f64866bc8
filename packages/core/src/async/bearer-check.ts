import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Checks `Authorization: Bearer <token>` in constant time. Comparing equal-length SHA-256 digests means neither
 * the token's content nor its length leaks through timing.
 */
export function bearerMatches(header: string | string[] | undefined, expectedDigest: Buffer): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const presented = typeof value === 'string' ? BEARER.exec(value)?.[1] : undefined;
  // Still compare something, so a missing header costs the same as a wrong one.
  const match = timingSafeEqual(digest(presented ?? ''), expectedDigest);
  return presented !== undefined && match;
}

/** The digest the handler keeps instead of the token itself. */
export function tokenDigest(token: string): Buffer {
  return digest(token);
}

import { createHash } from 'node:crypto';

/**
 * A short, stable, non-reversible name for an sToken: the first 16 hex digits of its SHA-256.
 * The request log and per-token faults use it, so the token itself is never stored.
 *
 * @example
 * sim.requests.forToken(tokenHash(sToken));
 */
export function tokenHash(sToken: string): string {
  return createHash('sha256').update(sToken).digest('hex').slice(0, 16);
}

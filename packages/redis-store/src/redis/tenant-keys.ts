/**
 * A tenant's key: the prefix and the engine's tenant hash (a SHA-256 digest of host and token, never the token),
 * hash-tagged so that every key of one tenant lands in one Redis Cluster slot.
 */
export function tenantKey(prefix: string, tenant: string): string {
  // A brace in the tenant would move the hash tag; the engine's digests are base64url and never hold one.
  return `${prefix}{${tenant.replace(/[{}]/g, '_')}}`;
}

/** The channel on which gate raises are announced to every replica. */
export function gateChannel(prefix: string): string {
  return `${prefix}gate`;
}

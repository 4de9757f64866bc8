/**
 * Why Redis could not be used, as a closed set: metric labels and log lines carry this, never the raw error,
 * whose text may hold a host name or a user name.
 */
export type StoreFailureKind = 'unavailable' | 'timeout' | 'auth' | 'protocol' | 'script';

const AUTH = /^(WRONGPASS|NOAUTH|NOPERM)\b|invalid (username-)?password|ERR AUTH/i;
const PROTOCOL = /Unknown RESP type|Protocol error|Parser/i;

export function failureKindOf(error: unknown): StoreFailureKind {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (AUTH.test(message)) return 'auth';
  if (PROTOCOL.test(message)) return 'protocol';
  if (/timeout/i.test(name) || /timed? ?out/i.test(message)) return 'timeout';
  if (/^(ERR|NOSCRIPT|BUSY)\b/.test(message) || name === 'ErrorReply' || name === 'SimpleError')
    return 'script';
  return 'unavailable';
}

/** A failure no reconnect will cure: the configuration is wrong. */
export function isPermanent(kind: StoreFailureKind): boolean {
  return kind === 'auth' || kind === 'protocol';
}

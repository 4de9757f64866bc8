// The yardstick for wall time under a token-bucket throttle.

/**
 * The shortest time in which a server with a full token bucket of `burst` tokens, refilled at `perSecond`, can
 * accept `requests` requests: the first `burst` go at once, every later one waits for its token, so the last one is
 * accepted `(requests - burst) / perSecond` seconds after the first. Loopback latency (about a millisecond) is left
 * out, so a perfect client scores slightly above 1.
 *
 * @param {{ requests: number, perSecond: number, burst: number }} limit
 * @returns {number} milliseconds
 */
export function idealWallMs({ requests, perSecond, burst }) {
  return (Math.max(0, requests - burst) / perSecond) * 1000;
}

/** @param {{ requests: number, perSecond: number, burst: number }} limit */
export function describeIdeal({ requests, perSecond, burst }) {
  return (
    `ideal = (requests - burst) / rate = (${requests} - ${burst}) / ${perSecond} per s = ` +
    `${(idealWallMs({ requests, perSecond, burst }) / 1000).toFixed(2)} s: the instant the server can accept the ` +
    'last request when the bucket starts full and every token is used the moment it exists (latency left out)'
  );
}

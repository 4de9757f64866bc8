// What the simulator's request log says about one token: the server-side truth every strategy is judged by.

/**
 * @typedef {object} ServerCounts
 * @property {number} attempts             requests the server received for the token
 * @property {number} throttled            429 answers it sent
 * @property {number} insideWindow         requests that arrived more than graceMs after a Retry-After answer to the token and before that window ended
 * @property {number} insideWindowNoGrace  the same with no grace at all (requests already in flight count too)
 */

/**
 * @param {import('@vppwatch/simulator').Simulator} sim
 * @param {string} sToken
 * @param {number} graceMs
 * @returns {ServerCounts}
 */
export function serverCounts(sim, sToken, graceMs) {
  const hash = sim.tokenHash(sToken);
  const log = sim.requests.forToken(hash);
  return {
    attempts: log.length,
    throttled: log.filter((r) => r.status === 429).length,
    insideWindow: sim.requests.violations(hash, { graceMs }).length,
    insideWindowNoGrace: sim.requests.violations(hash).length,
  };
}

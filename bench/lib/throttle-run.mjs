// One throttle run: a fresh simulator with a per-token 15 req/s bucket, one token, N logical GETs from W workers,
// and the server's own record of what happened.
import { drive } from './drive.mjs';
import { idealWallMs } from './ideal.mjs';
import { startInChild, startInProcess } from './sim-host.mjs';
import { round } from './table.mjs';

/**
 * @typedef {object} RunSpec
 * @property {import('./strategies.mjs').Strategy} strategy
 * @property {'seconds' | 'http-date' | 'none'} retryAfter
 * @property {number} requests      logical requests
 * @property {number} concurrency   workers, each sending its next request when the previous one settles
 * @property {number} [perSecond]   default 15 (Apple's documented maxRequestPerSecond)
 * @property {number} [burst]       default 15
 * @property {number} [graceMs]     in-flight grace for counting requests inside an announced window (default 10)
 * @property {number} [seed]
 * @property {'child' | 'in-process'} [simulator]  where the simulator runs (default 'child'; see sim-host.mjs)
 */

/**
 * @typedef {object} RunResult
 * @property {string} strategy
 * @property {string} retryAfter
 * @property {number} requests
 * @property {number} concurrency
 * @property {number} wallMs              start of the run to the settling of the last logical request
 * @property {number} idealMs
 * @property {number} wallRatio           wallMs / idealMs
 * @property {number} succeeded           logical requests that resolved
 * @property {number} giveUps             logical requests that finally rejected
 * @property {number} attempts            requests the server received for the token
 * @property {number} attemptsPerRequest  attempts / logical requests
 * @property {number} throttled           429 answers sent
 * @property {number} insideWindow        requests that arrived inside a Retry-After window already announced to the token (after graceMs)
 * @property {number} insideWindowNoGrace the same count with no grace at all
 * @property {number} graceMs
 * @property {Record<string, number>} giveUpKinds  final error, by HTTP status or error code
 */

/** @param {RunSpec} spec @returns {Promise<RunResult>} */
export async function runThrottle(spec) {
  const perSecond = spec.perSecond ?? 15;
  const burst = spec.burst ?? 15;
  const graceMs = spec.graceMs ?? 10;
  const setup = { retryAfter: spec.retryAfter, perSecond, burst, seed: spec.seed ?? 1 };
  const host = spec.simulator === 'in-process' ? await startInProcess(setup) : await startInChild(setup);
  try {
    const client = spec.strategy.create({ url: host.url, sToken: host.sToken });
    const { wallMs, succeeded, giveUpKinds } = await drive(client, spec.requests, spec.concurrency);
    const counts = await host.counts(graceMs);
    const idealMs = idealWallMs({ requests: spec.requests, perSecond, burst });
    return {
      strategy: spec.strategy.id,
      retryAfter: spec.retryAfter,
      requests: spec.requests,
      concurrency: spec.concurrency,
      wallMs: round(wallMs),
      idealMs,
      wallRatio: round(wallMs / idealMs, 4),
      succeeded,
      giveUps: spec.requests - succeeded,
      attempts: counts.attempts,
      attemptsPerRequest: round(counts.attempts / spec.requests, 3),
      throttled: counts.throttled,
      insideWindow: counts.insideWindow,
      insideWindowNoGrace: counts.insideWindowNoGrace,
      graceMs,
      giveUpKinds,
    };
  } finally {
    await host.close();
  }
}

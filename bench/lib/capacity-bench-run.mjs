// One capacity run: a fresh simulator, one token with the case's capacity faults, N logical GETs from W workers, and
// the server's own record of what it served, refused, and when.
import { startSimulator, startSimulatorProcess } from '@vppwatch/simulator';
import { capacityIdealMs } from './capacity-ideal.mjs';
import { recoveryMs } from './capacity-recovery.mjs';
import { drive } from './drive.mjs';
import { round } from './table.mjs';

/** The recovery yardstick: back to this share of Apple's 15/s in a one-second window. */
export const RECOVERY = Object.freeze({ perSecond: 15, share: 0.9 });

/**
 * @typedef {object} CapacityRunSpec
 * @property {import('./strategies.mjs').Strategy} strategy
 * @property {import('./capacity-cases.mjs').CapacityCase} kase
 * @property {number} [graceMs]  in-flight grace for counting requests inside an announced window (default 10)
 * @property {number} [seed]
 * @property {'child' | 'in-process'} [simulator]  default 'child' (startSimulatorProcess, built package); tests use 'in-process'
 */

/**
 * @typedef {object} CapacityRunResult
 * @property {string} case
 * @property {string | null} sweepOf    the case this run shifts in time (the drop's phase sweep), or null
 * @property {number | null} returnsAtMs when capacity returned to 15/s, offset from the start (drop cases)
 * @property {string} strategy
 * @property {number} requests
 * @property {number} concurrency
 * @property {number} wallMs             start of the run to the settling of the last logical request (client clock)
 * @property {number} idealMs            capacityIdealMs: the real capacity, less the foreign client's share
 * @property {number} wallRatio
 * @property {number} succeeded
 * @property {number} rejected           logical requests that finally rejected
 * @property {number} attempts           requests the server received for the token
 * @property {number} attemptsPerCall
 * @property {number} served             requests the rate limit let through
 * @property {number} throttled          requests the rate limit refused (429 + 9646)
 * @property {number} throttledShare     throttled / attempts
 * @property {number} insideWindow       requests inside a Retry-After window already announced to the token (after graceMs)
 * @property {boolean} measuresRecovery  the case drops capacity and returns it (the drop case)
 * @property {number | null} recoveryMs  drop case: capacity back to 15 until a 1 s window served >= 0.9 x 15; null if never
 * @property {{ sent: number, served: number, refused: number } | null} foreign  the foreign client, when there is one
 * @property {number[] | null} servedPerSecond  drop case: served per second from the start of the schedule
 * @property {Record<string, number>} giveUpKinds
 */

/** @param {CapacityRunSpec} spec @returns {Promise<CapacityRunResult>} */
export async function runCapacity(spec) {
  const { kase } = spec;
  const graceMs = spec.graceMs ?? 10;
  const seed = spec.seed ?? 1;
  const sim =
    spec.simulator === 'in-process' ? await startSimulator({ seed }) : await startSimulatorProcess({ seed });
  try {
    const sToken = await sim.token();
    const hash = sim.tokenHash(sToken);
    const client = spec.strategy.create({ url: sim.url, sToken });
    await sim.faults.setForToken(sToken, kase.faults);
    const { wallMs, succeeded, giveUpKinds } = await drive(client, kase.requests, kase.concurrency);

    const records = await sim.requests.forToken(hash);
    const throttled = records.filter((r) => r.fault === 'rate-limit').length;
    const steps = (await sim.faults.effective(hash)).capacitySchedule || [];
    const returnsAt = steps.find((s) => s.atMs === kase.returnsAtMs)?.startsAt;
    const snapshot = await sim.capacity(sToken);
    const idealMs = capacityIdealMs(kase);
    return {
      case: kase.id,
      sweepOf: kase.sweepOf ?? null,
      returnsAtMs: kase.returnsAtMs,
      strategy: spec.strategy.id,
      requests: kase.requests,
      concurrency: kase.concurrency,
      wallMs: round(wallMs),
      idealMs,
      wallRatio: round(wallMs / idealMs, 4),
      succeeded,
      rejected: kase.requests - succeeded,
      attempts: records.length,
      attemptsPerCall: round(records.length / kase.requests, 3),
      served: records.length - throttled,
      throttled,
      throttledShare: records.length === 0 ? 0 : round(throttled / records.length, 4),
      insideWindow: (await sim.requests.violations(hash, { graceMs })).length,
      measuresRecovery: returnsAt !== undefined,
      recoveryMs: returnsAt === undefined ? null : recoveryMs(records, returnsAt, RECOVERY),
      foreign: snapshot?.foreign ?? null,
      servedPerSecond:
        returnsAt === undefined
          ? null
          : (await sim.requests.throughput(hash, { from: steps[0]?.startsAt })).map((w) => w.served),
      giveUpKinds,
    };
  } finally {
    await sim.close();
  }
}

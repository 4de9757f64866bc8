// One run against an organization whose real capacity is below the documented 15/s: a fresh in-process simulator,
// one token, N logical GET /mdm/v2/assets from W workers, and the server's record of what happened. The capacity
// cases of issue 12 (10/s, 5/s, a foreign client on the same token, a drop from 15 to 5 and back).
import { startSimulator } from '@vppwatch/simulator';

/**
 * @typedef {object} CapacityCase
 * @property {string} label
 * @property {number} calls
 * @property {number} workers
 * @property {number} capacity            requests/s the organization admits (a token bucket, burst = capacity)
 * @property {number} [foreign]           requests/s another client spends on the same token (service/config)
 * @property {{ atMs: number, perSecond: number }[]} [schedule]  capacity changes after the start
 */

/** @satisfies {Record<string, CapacityCase>} */
export const CAPACITY_CASES = {
  15: { label: 'admits 15/s', calls: 300, workers: 20, capacity: 15 },
  10: { label: 'admits 10/s', calls: 150, workers: 10, capacity: 10 },
  5: { label: 'admits 5/s', calls: 60, workers: 10, capacity: 5 },
  foreign: { label: 'foreign client 7/s of 15', calls: 150, workers: 10, capacity: 15, foreign: 7 },
  drop: {
    label: '15 → 5 for 20 s → 15',
    calls: 475,
    workers: 20,
    capacity: 15,
    schedule: [
      { atMs: 5000, perSecond: 5 },
      { atMs: 25_000, perSecond: 15 },
    ],
  },
};

/**
 * A shorter variant for tests: fewer calls, and the drop lasts `dropMs` instead of 20 s.
 * @param {CapacityCase} c @param {number} calls @param {number} [dropMs]
 * @returns {CapacityCase}
 */
export function shortCase(c, calls, dropMs = 4000) {
  const schedule = c.schedule && [
    { atMs: 1000, perSecond: 5 },
    { atMs: 1000 + dropMs, perSecond: 15 },
  ];
  if (schedule === undefined) return { ...c, calls };
  return { ...c, calls, schedule, label: `15 → 5 for ${dropMs / 1000} s → 15` };
}

/**
 * The shortest time the organization can admit all calls: a full bucket at the start, then its rate (what the
 * foreign client leaves, for that case), following the schedule.
 * @param {CapacityCase} c
 */
export function idealCapacityMs(c) {
  const own = c.capacity - (c.foreign ?? 0);
  let left = c.calls - own;
  let at = 0;
  let rate = own;
  for (const step of c.schedule ?? []) {
    const fits = ((step.atMs - at) / 1000) * rate;
    if (fits >= left) break;
    left -= fits;
    at = step.atMs;
    rate = step.perSecond;
  }
  return at + (left / rate) * 1000;
}

/**
 * @typedef {object} CapacityResult
 * @property {number} calls
 * @property {number} failed         logical calls that rejected
 * @property {number} attempts       our requests the server received
 * @property {number} throttled      429s it answered us
 * @property {number | null} insideWindow  our requests inside a window announced to us (10 ms grace); null with a foreign client
 * @property {number} wallMs
 * @property {number} idealMs
 * @property {number | null} recoveryMs  after the last capacity change: until a second held >= 0.9 × capacity of our admitted calls
 */

/**
 * @param {CapacityCase} c
 * @param {(endpoint: { url: string, sToken: string }) => { getAssets: () => Promise<unknown> }} makeClient
 * @returns {Promise<CapacityResult>}
 */
export async function runCapacity(c, makeClient) {
  const sim = await startSimulator({ seed: 7 });
  const sToken = sim.token();
  const bucket = (/** @type {number} */ perSecond) => ({
    rateLimit: { perSecond, burst: perSecond, retryAfter: /** @type {const} */ ('seconds') },
  });
  sim.faults.setForToken(sToken, bucket(c.capacity));
  const client = makeClient({ url: sim.url, sToken });
  const start = Date.now();
  const timers = (c.schedule ?? []).map((step) =>
    setTimeout(() => sim.faults.setForToken(sToken, bucket(step.perSecond)), step.atMs),
  );
  const foreign =
    c.foreign === undefined
      ? null
      : setInterval(() => {
          fetch(`${sim.url}/mdm/v2/service/config`, { headers: { Authorization: `Bearer ${sToken}` } })
            .then((r) => r.arrayBuffer())
            .catch(() => {});
        }, 1000 / c.foreign);
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < c.calls) {
      next += 1;
      await client.getAssets().catch(() => {
        failed += 1;
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: c.workers }, worker));
  } finally {
    if (foreign !== null) clearInterval(foreign);
    for (const t of timers) clearTimeout(t);
  }
  const wallMs = Date.now() - start;
  const hash = sim.tokenHash(sToken);
  const ours = sim.requests.forToken(hash).filter((r) => r.endpoint === 'assets');
  const insideWindow =
    c.foreign === undefined
      ? sim.requests.violations(hash, { graceMs: 10 }).filter((r) => r.endpoint === 'assets').length
      : null;
  await sim.close();
  return {
    calls: c.calls,
    failed,
    attempts: ours.length,
    throttled: ours.filter((r) => r.status === 429).length,
    insideWindow,
    wallMs,
    idealMs: idealCapacityMs(c),
    recoveryMs: recovery(
      c,
      ours.filter((r) => r.status === 200).map((r) => r.at),
      start,
    ),
  };
}

/** @param {CapacityCase} c @param {number[]} admitted @param {number} start */
function recovery(c, admitted, start) {
  const back = c.schedule?.at(-1);
  if (back === undefined) return null;
  const from = start + back.atMs;
  const times = admitted.filter((t) => t >= from).sort((a, b) => a - b);
  const at = (/** @type {number} */ i) => /** @type {number} */ (times[i]);
  for (let i = 0, j = 0; i < times.length; i++) {
    while (at(i) - at(j) >= 1000) j++;
    if (i - j + 1 >= 0.9 * back.perSecond) return at(i) - from;
  }
  return Number.POSITIVE_INFINITY;
}

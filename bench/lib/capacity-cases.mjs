// The capacity cases: what the organization really admits to our client, as simulator faults on one token, and the
// yardsticks that follow from it. Apple's service/config keeps announcing 15 in every case (the rate limit's
// perSecond); only the real capacity changes, as when another tool shares the token or Apple grants less.

/**
 * @typedef {object} CapacityStretch
 * @property {number} fromMs     offset from the start of the run
 * @property {number} perSecond  what the organization admits from then on (its bucket holds one second of it)
 */

/**
 * @typedef {object} CapacityCase
 * @property {string} id
 * @property {string} label
 * @property {number} requests           logical GET /mdm/v2/assets
 * @property {number} concurrency        workers
 * @property {import('@vppwatch/simulator').FaultConfig} faults  set on the run's token just before it starts
 * @property {readonly CapacityStretch[]} capacity  the real capacity over the run
 * @property {number} foreignPerSecond   requests per second another client spends on the same token
 * @property {number | null} returnsAtMs when capacity returns to 15 after a drop (the recovery clock starts), or null
 * @property {string | null} [sweepOf]  the id of the case this one shifts in time (the drop's phase sweep), or absent
 */

/** The libraries the capacity rows compare: vppwatch's two adapters and the three anchors, at their defaults. */
export const CAPACITY_STRATEGIES = ['axios-retry', 'retry-axios', 'got', 'vppwatch-axios', 'vppwatch-got'];

const APPLE = { perSecond: 15, burst: 15, retryAfter: /** @type {const} */ ('seconds') };

/** An organization that admits `perSecond` from the start. @param {number} perSecond @param {number} requests @param {number} concurrency @returns {CapacityCase} */
export function admits(perSecond, requests, concurrency) {
  return {
    id: `${perSecond}/s`,
    label: perSecond === 15 ? "admits 15/s (today's row)" : `admits ${perSecond}/s`,
    requests,
    concurrency,
    faults:
      perSecond === 15
        ? { rateLimit: APPLE }
        : { rateLimit: APPLE, capacitySchedule: [{ atMs: 0, perSecond }] },
    capacity: [{ fromMs: 0, perSecond }],
    foreignPerSecond: 0,
    returnsAtMs: null,
  };
}

/** Apple's 15/s, of which a foreign client spends 7/s. @param {number} requests @param {number} concurrency @returns {CapacityCase} */
export function foreign(requests, concurrency) {
  return {
    id: 'foreign',
    label: 'foreign client 7/s on 15/s',
    requests,
    concurrency,
    faults: { rateLimit: APPLE, foreignLoad: { perSecond: 7 } },
    capacity: [{ fromMs: 0, perSecond: 15 }],
    foreignPerSecond: 7,
    returnsAtMs: null,
  };
}

/** 15/s, 5/s from `dropAtMs`, 15/s again from `returnAtMs`. @param {number} dropAtMs @param {number} returnAtMs @param {number} requests @param {number} concurrency @returns {CapacityCase} */
export function drop(dropAtMs, returnAtMs, requests, concurrency) {
  const capacity = [
    { fromMs: 0, perSecond: 15 },
    { fromMs: dropAtMs, perSecond: 5 },
    { fromMs: returnAtMs, perSecond: 15 },
  ];
  return {
    id: 'drop',
    label: `15/s, 5/s for ${(returnAtMs - dropAtMs) / 1000} s, 15/s`,
    requests,
    concurrency,
    faults: {
      rateLimit: APPLE,
      capacitySchedule: capacity.map((c) => ({ atMs: c.fromMs, perSecond: c.perSecond })),
    },
    capacity,
    foreignPerSecond: 0,
    returnsAtMs: returnAtMs,
  };
}

/**
 * The `pnpm bench` cases: every ideal is about 19 s (as today's 15/s row), except the drop, which needs 5 s before it,
 * 20 s of it and 10 s (150 calls, in the ideal) after capacity returns to show how fast a client uses it again.
 * @type {readonly CapacityCase[]}
 */
export const CAPACITY_CASES = [
  admits(15, 300, 20),
  admits(10, 200, 20),
  admits(5, 100, 20),
  foreign(167, 20),
  dropAt(25_000),
];

/**
 * When capacity returns in the drop's phase sweep, besides the row's own 25 s. A single run samples one phase of the
 * closed loop's probe cycle at 5/s (3 to 5 s from one throttle to the next): whether the return meets a fresh
 * throttle or a probe about to find it decides most of the wall (bench/README.md, "Why a sweep"). These spread the
 * return over one such cycle.
 */
export const DROP_SWEEP_RETURNS_MS = [23_000, 23_700, 24_400, 25_600, 26_300];

/**
 * The `pnpm bench` drop with capacity returning at `returnAtMs`: the same 5 s at 15/s, the 5/s stretch shorter or
 * longer by the shift, and the same 150 calls (10 s at 15/s in the ideal) after it, so every run's ideal has the
 * same make-up.
 * @param {number} returnAtMs @returns {CapacityCase}
 */
export function dropReturningAt(returnAtMs) {
  return { ...dropAt(returnAtMs), id: `drop@${returnAtMs / 1000}s`, sweepOf: 'drop' };
}

/**
 * The bench's drop returning at `returnAtMs`: 90 calls by 5 s (the ideal's bucket and 15/s), 5/s until the return,
 * 150 after it; 340 calls at 25 s. @param {number} returnAtMs @returns {CapacityCase}
 */
function dropAt(returnAtMs) {
  const atFive = Math.round(((returnAtMs - 5000) / 1000) * 5);
  return drop(5000, returnAtMs, 90 + atFive + 150, 20);
}

/** The drop's phase sweep: {@link DROP_SWEEP_RETURNS_MS}, the row's own return being the sixth phase. @type {readonly CapacityCase[]} */
export const DROP_SWEEP_CASES = DROP_SWEEP_RETURNS_MS.map(dropReturningAt);

/** A CI-sized smoke of the same cases: about 2 s each (the drop 6 s: 1 s, 2 s at 5/s, 3 s after). @type {readonly CapacityCase[]} */
export const QUICK_CASES = [
  admits(15, 45, 10),
  admits(10, 30, 10),
  admits(5, 15, 10),
  foreign(32, 10),
  drop(1000, 3000, 85, 10),
];

/** @param {readonly CapacityCase[]} cases @param {string} id @returns {CapacityCase} */
export function caseById(cases, id) {
  const found = cases.find((c) => c.id === id);
  if (found === undefined) throw new Error(`unknown case ${id}; known: ${cases.map((c) => c.id).join(', ')}`);
  return found;
}

// The yardstick for wall time when the organization's real capacity is not Apple's 15/s.

/**
 * The earliest instant the server can have accepted `requests` of our requests: the bucket starts full (one second of
 * the first capacity), every token is used the moment it exists, capacity follows its stretches, and the foreign
 * client takes its share (its first request at 0, then one every 1/f s). With 15/s and no foreign client this is
 * the throttle bench's ideal, (requests - 15) / 15. Latency is left out, so a perfect client scores slightly above 1.
 *
 * @param {{ requests: number, capacity: readonly import('./capacity-cases.mjs').CapacityStretch[], foreignPerSecond: number }} spec
 * @returns {number} milliseconds
 */
export function capacityIdealMs({ requests, capacity, foreignPerSecond }) {
  const first = capacity[0]?.perSecond ?? 15;
  // Thousandths of a token, so that 1 ms steps add whole numbers and nothing drifts.
  let milli = first * 1000; // refilled, before the foreign client's share
  let t = 0;
  const foreign = () => (foreignPerSecond > 0 ? Math.floor((t * foreignPerSecond) / 1000) + 1 : 0);
  // 1 ms steps: exact enough (the runs last seconds) and free of edge cases at stretch boundaries.
  while (milli - foreign() * 1000 < requests * 1000) {
    const stretch = [...capacity].reverse().find((c) => c.fromMs <= t) ?? capacity[0];
    milli += stretch?.perSecond ?? first;
    t += 1;
    if (t > 3_600_000) throw new Error('capacity too small for the requests within an hour');
  }
  return t;
}

/** @param {import('./capacity-cases.mjs').CapacityCase} c */
export function describeCapacityIdeal(c) {
  const stretches = c.capacity.map((s) => `${s.perSecond}/s from ${s.fromMs / 1000} s`).join(', ');
  const foreign = c.foreignPerSecond > 0 ? `, less ${c.foreignPerSecond}/s for the foreign client` : '';
  return `${c.requests} requests at ${stretches}${foreign}: ideal ${(capacityIdealMs(c) / 1000).toFixed(2)} s`;
}

// How long a client takes to use the capacity again once it returns, read from the simulator's request log.

/**
 * The time from `returnsAt` until the first 1-second window in which the server served at least `share` × `perSecond`
 * of our requests (a window starting at a served request: any busier window can be slid to start at one). Null when no
 * such window came before the run ended.
 *
 * @param {readonly { at: number, fault: string | null }[]} records  our token's requests (simulator clock)
 * @param {number} returnsAt  when capacity returned (simulator clock)
 * @param {{ perSecond: number, share: number }} target
 * @returns {number | null} milliseconds
 */
export function recoveryMs(records, returnsAt, { perSecond, share }) {
  const needed = Math.ceil(share * perSecond);
  const served = records
    .filter((r) => r.fault !== 'rate-limit' && r.at >= returnsAt)
    .map((r) => r.at)
    .sort((a, b) => a - b);
  let end = 0;
  for (let start = 0; start < served.length; start++) {
    const from = served[start] ?? 0;
    while (end < served.length && (served[end] ?? 0) < from + 1000) end += 1;
    if (end - start >= needed) return from - returnsAt;
  }
  return null;
}

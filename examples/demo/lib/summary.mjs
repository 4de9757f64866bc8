import { lookupCode } from '@vppwatch/core';

/** Sums a counter from the registry by one label, as a Prometheus query would. */
async function sumBy(registry, name, label) {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const sums = new Map();
  for (const { labels, value } of metric?.values ?? []) {
    const key = String(labels[label] ?? '');
    sums.set(key, (sums.get(key) ?? 0) + value);
  }
  return sums;
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The end-of-run report: per Apple errorNumber what happened, logical requests versus attempts, time spent
 * waiting, and a check of the clients' numbers against the simulator's own record.
 * @returns {Promise<{ text: string, consistent: boolean }>}
 */
export async function summarize({ tally, registry, sim, elapsedMs, graceMs }) {
  const seen = await sumBy(registry, 'apple_vpp_api_errors_total', 'error_number');
  const codes = new Set([...seen.keys(), ...tally.byCode.keys()].filter((c) => /^\d+$/.test(c)));
  const rows = [...codes]
    .sort((a, b) => Number(a) - Number(b))
    .map((code) => {
      const row = tally.byCode.get(code) ?? { retries: 0, resolved: 0, gaveUp: new Map() };
      const entry = lookupCode(Number(code));
      const gaveUp = [...row.gaveUp].map(([reason, n]) => `${n} gave up (${reason})`);
      const outcome = [row.resolved ? `${row.resolved} resolved` : '', ...gaveUp].filter(Boolean).join(', ');
      // A code the catalog lacks is labelled `other` in the metrics; its text is Apple's, from service/config.
      const learned = tally.learned.get(code);
      return [
        code,
        seen.get(code) ?? (entry ? 0 : 'as other'),
        entry?.retryClass ?? row.retryClass ?? 'unknown',
        row.retries,
        outcome || (row.retries ? 'retried, then succeeded' : '-'),
        (entry?.message ?? (learned ? `Apple's list: ${learned}` : '')).slice(0, 48),
      ];
    });
  for (const [code, row] of tally.byCode) {
    if (codes.has(code)) continue;
    const gaveUp = [...row.gaveUp].map(([reason, n]) => `${n} gave up (${reason})`).join(', ');
    rows.push([code, '-', row.retryClass, row.retries, gaveUp || 'retried, then succeeded', '']);
  }

  const served = await sim.requests.count();
  const records = await sim.requests.all();
  // A request that arrived within graceMs of the announcement was already on its way: the client had not read it.
  const violating = await sim.requests.violations(undefined, { graceMs });
  const violations = violating.length;
  // The counts must agree exactly; the window count is a measurement, reported with its grace, not a self-check.
  const consistent = served === tally.attempts;
  const serverByStatus = new Map();
  for (const record of records) {
    const status = record.status || 'no response';
    serverByStatus.set(status, (serverByStatus.get(status) ?? 0) + 1);
  }
  const statuses = [...new Set([...serverByStatus.keys(), ...tally.attemptsByStatus.keys()])].sort();
  const statusRows = statuses.map((s) => [
    s,
    tally.attemptsByStatus.get(s) ?? 0,
    serverByStatus.get(s) ?? 0,
    (tally.attemptsByStatus.get(s) ?? 0) === (serverByStatus.get(s) ?? 0) ? 'ok' : 'differs',
  ]);

  const text = [
    '',
    'Apple errors, per errorNumber',
    table(['errorNumber', 'seen', 'class', 'retries', 'final outcome', 'meaning'], rows),
    '',
    'Requests',
    table(
      ['', 'value'],
      [
        ['logical requests', tally.done],
        ['  succeeded', tally.ok],
        ['  failed (typed VppError)', tally.failed],
        ['  through axios / got', `${tally.byClient.axios.done} / ${tally.byClient.got.done}`],
        ['physical attempts', tally.attempts],
        ['attempts per logical request', (tally.attempts / Math.max(1, tally.done)).toFixed(3)],
        ['retries scheduled', tally.retries],
        ['time spent waiting on retries', `${(tally.waitedMs / 1000).toFixed(1)} s (summed over requests)`],
        ['wall time', `${(elapsedMs / 1000).toFixed(1)} s`],
      ],
    ),
    '',
    "Check against the simulator's own record",
    table(['HTTP status', 'clients saw', 'simulator sent', ''], statusRows),
    `requests served ${served}, attempts made ${tally.attempts}: ${served === tally.attempts ? 'agree' : 'DIFFER'}`,
    `requests sent inside a Retry-After window the server had announced: ${violations}` +
      ` (a request arriving within ${graceMs} ms of the announcement was already in flight: 10 ms on the wire` +
      " plus the longest stall of the clients' event loop, during which the answer sat unread)",
    ...violating.slice(0, 3).map((q) => {
      const announced = records
        .filter((r) => r.tokenHash === q.tokenHash)
        .filter((r) => r.windowEndsAt !== null && r.answeredAt + graceMs < q.at && q.at < r.windowEndsAt)
        .at(-1);
      return `  ${q.method} ${q.endpoint} at +${(q.at - announced.answeredAt).toFixed(0)} ms after a ${announced.status} ${announced.errorNumber ?? ''} on ${announced.endpoint} announced ${announced.retryAfterMs} ms`;
    }),
  ].join('\n');
  return { text, consistent };
}

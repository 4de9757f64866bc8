#!/usr/bin/env node
// How the closed-loop rate controller's constants play out against organizations that admit less than the ceiling.
// Not a comparison with other libraries (that is `pnpm bench`): one vppwatch engine (axios) per run on the capacity
// bench's own cases and harness (simulator in its own process, the foreign client spent by the simulator), and a
// grid of controller constants, so the defaults in packages/core/README.md can be re-measured.
// Needs built packages (pnpm build). Usage:
//   node bench/controller-tuning.mjs [--cases 15/s,10/s,5/s,foreign,drop] [--grid off,0.7:0.1] [--calls-factor 1]
// --grid lists beta:scale pairs ("off" = the closed loop off; "fixed=N" = the loop off and the limit set to N/s, the
// reference of a client that already knows the real capacity); --calls-factor multiplies each case's call count.
import { parseArgs } from 'node:util';
import { runCapacity } from './lib/capacity-bench-run.mjs';
import { CAPACITY_CASES, caseById } from './lib/capacity-cases.mjs';
import { vppwatchAxiosClient } from './lib/strategies.mjs';
import { formatTable } from './lib/table.mjs';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '15/s,10/s,5/s,foreign,drop' },
    grid: { type: 'string', default: 'off,0.7:0.1' },
    'calls-factor': { type: 'string', default: '1' },
  },
});
const factor = Number(values['calls-factor']);
if (!(factor > 0)) throw new Error(`--calls-factor must be a number > 0, got ${values['calls-factor']}`);

/** @param {string} spec */
function engineOptions(spec) {
  if (spec === 'off') return { rateLimit: { adaptive: /** @type {const} */ (false) } };
  if (spec.startsWith('fixed=')) {
    return {
      rateLimit: { requestsPerSecond: Number(spec.slice(6)), adaptive: /** @type {const} */ (false) },
    };
  }
  const [beta, scale] = spec.split(':').map(Number);
  return { rateLimit: { adaptive: { beta, scale } } };
}

/** @param {string} spec @returns {import('./lib/strategies.mjs').Strategy} */
function strategyFor(spec) {
  return {
    id: `vppwatch ${spec}`,
    label: `vppwatch (axios) ${spec}`,
    config: JSON.stringify(engineOptions(spec)),
    create: (endpoint) =>
      vppwatchAxiosClient(endpoint, { ...engineOptions(spec), metrics: false, tracing: false }),
  };
}

const rows = [];
for (const id of values.cases.split(',')) {
  // The older short ids (15, 10, 5) still work.
  const base = caseById(CAPACITY_CASES, /^\d+$/.test(id) ? `${id}/s` : id);
  const kase = { ...base, requests: Math.round(base.requests * factor) };
  for (const spec of values.grid.split(',')) {
    const r = await runCapacity({ kase, strategy: strategyFor(spec), graceMs: 50 });
    console.log(`  done: ${kase.label} / ${spec}`);
    rows.push([
      kase.label,
      spec,
      (r.wallMs / 1000).toFixed(1),
      r.wallRatio.toFixed(3),
      r.attemptsPerCall.toFixed(2),
      String(r.throttled),
      `${(100 * r.throttledShare).toFixed(1)} %`,
      String(r.insideWindow),
      String(r.rejected),
      r.recoveryMs === null ? '–' : (r.recoveryMs / 1000).toFixed(1),
    ]);
  }
}
console.log('');
console.log(
  formatTable(
    [
      'case',
      'beta:scale',
      'wall s',
      'x ideal',
      'attempts/call',
      '429s',
      '429 share',
      'in window (50 ms)',
      'rejected',
      'recovery s',
    ],
    rows,
  ),
);

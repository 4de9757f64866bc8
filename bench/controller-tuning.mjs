#!/usr/bin/env node
// How the closed-loop rate controller's constants play out against organizations that admit less than the ceiling.
// Not a comparison with other libraries (that is `pnpm bench`): one vppwatch engine (axios) per run, one in-process
// simulator, and a grid of controller constants, so the defaults in packages/core/README.md can be re-measured.
// Needs built packages (pnpm build). Usage:
//   node bench/controller-tuning.mjs [--cases 15,10,5,foreign,drop] [--grid off,0.7:0.1] [--calls-factor 1]
// --grid lists beta:scale pairs ("off" = the closed loop off); --calls-factor multiplies each case's call count.
import { parseArgs } from 'node:util';
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine } from '@vppwatch/core';
import axios from 'axios';
import { CAPACITY_CASES, runCapacity } from './lib/capacity-run.mjs';
import { formatTable } from './lib/table.mjs';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '15,10,5,foreign,drop' },
    grid: { type: 'string', default: 'off,0.7:0.1' },
    'calls-factor': { type: 'string', default: '1' },
  },
});
const factor = Number(values['calls-factor']);

/** @param {string} spec */
function engineOptions(spec) {
  if (spec === 'off') return { rateLimit: { adaptive: /** @type {const} */ (false) } };
  const [beta, scale] = spec.split(':').map(Number);
  return { rateLimit: { adaptive: { beta, scale } } };
}

const rows = [];
for (const key of values.cases.split(',')) {
  const base = /** @type {Record<string, import('./lib/capacity-run.mjs').CapacityCase | undefined>} */ (
    CAPACITY_CASES
  )[key];
  if (base === undefined) throw new Error(`unknown case ${key}`);
  const c = { ...base, calls: Math.round(base.calls * factor) };
  for (const spec of values.grid.split(',')) {
    const r = await runCapacity(c, ({ url, sToken }) => {
      const client = axios.create({
        baseURL: `${url}/mdm/v2`,
        headers: { Authorization: `Bearer ${sToken}` },
      });
      attachVppInterceptor(client, {
        engine: createVppEngine({ ...engineOptions(spec), metrics: false, tracing: false }),
      });
      return { getAssets: () => client.get('/assets') };
    });
    console.log(`  done: ${c.label} / ${spec}`);
    rows.push([
      c.label,
      spec,
      (r.wallMs / 1000).toFixed(1),
      (r.wallMs / r.idealMs).toFixed(2),
      (r.attempts / r.calls).toFixed(2),
      String(r.throttled),
      `${((100 * r.throttled) / r.attempts).toFixed(1)} %`,
      r.insideWindow === null ? '–' : String(r.insideWindow),
      String(r.failed),
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
      'in window',
      'failed',
      'back to 0.9 × capacity (s)',
    ],
    rows,
  ),
);

#!/usr/bin/env node
// How the closed-loop rate controller's constants play out against organizations that admit less than the ceiling.
// Not a comparison with other libraries (that is `pnpm bench`): one vppwatch engine (axios) per run, one in-process
// simulator, and a grid of controller constants, so the defaults in packages/core/README.md can be re-measured.
// Needs built packages (pnpm build). Usage:
//   node bench/controller-tuning.mjs [--cases 15,10,5,foreign,drop] [--grid 0.7:0.4,0.8:0.1] [--scale-down 1]
// --grid lists beta:scale pairs ("off" = the closed loop off); --scale-down divides the call counts (quick runs).
import { parseArgs } from 'node:util';
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine } from '@vppwatch/core';
import { startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import { formatTable } from './lib/table.mjs';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '15,10,5,foreign,drop' },
    grid: { type: 'string', default: 'off,0.7:0.4' },
    'scale-down': { type: 'string', default: '1' },
  },
});
const down = Number(values['scale-down']);

/**
 * @typedef {object} Case
 * @property {string} id
 * @property {number} calls
 * @property {number} workers
 * @property {number} capacity            what the organization admits per second when nothing else is going on
 * @property {number} [foreign]           requests/s another client sends on the same token
 * @property {{ atMs: number, perSecond: number }[]} [schedule]  capacity changes after the start
 * @property {number} idealMs
 */

/** @type {Record<string, Case>} */
const CASES = {
  15: { id: 'admits 15/s', calls: 300, workers: 20, capacity: 15, idealMs: ((300 - 15) / 15) * 1000 },
  10: { id: 'admits 10/s', calls: 150, workers: 10, capacity: 10, idealMs: ((150 - 10) / 10) * 1000 },
  5: { id: 'admits 5/s', calls: 60, workers: 10, capacity: 5, idealMs: ((60 - 5) / 5) * 1000 },
  foreign: {
    id: 'foreign 7/s of 15',
    calls: 150,
    workers: 10,
    capacity: 15,
    foreign: 7,
    idealMs: (150 / 8) * 1000,
  },
  drop: {
    id: '15 → 5 for 20 s → 15',
    calls: 475,
    workers: 20,
    capacity: 15,
    schedule: [
      { atMs: 5000, perSecond: 5 },
      { atMs: 25_000, perSecond: 15 },
    ],
    idealMs: ((75 - 15) / 15 + 20 + 300 / 15) * 1000,
  },
};

/** @param {string} spec */
function engineOptions(spec) {
  if (spec === 'off') return { rateLimit: { adaptive: /** @type {const} */ (false) } };
  const [beta, scale] = spec.split(':').map(Number);
  return { rateLimit: { adaptive: { beta, scale } } };
}

/** @param {Case} c @param {string} spec */
async function run(c, spec) {
  const sim = await startSimulator({ seed: 7 });
  const sToken = sim.token();
  const bucket = (/** @type {number} */ perSecond) => ({
    rateLimit: { perSecond, burst: perSecond, retryAfter: /** @type {const} */ ('seconds') },
  });
  sim.faults.setForToken(sToken, bucket(c.capacity));
  const engine = createVppEngine({ ...engineOptions(spec), metrics: false, tracing: false });
  let attempts = 0;
  let throttled = 0;
  /** @type {number[]} */
  const admittedAt = [];
  let minRate = Number.POSITIVE_INFINITY;
  engine.on('attempt', (e) => {
    attempts += 1;
    if (e.httpStatus === 429) throttled += 1;
    else admittedAt.push(performance.now());
  });
  engine.on('rateChange', (e) => {
    minRate = Math.min(minRate, e.rate);
  });
  const client = axios.create({ baseURL: `${sim.url}/mdm/v2` });
  client.defaults.headers.common.Authorization = `Bearer ${sToken}`;
  attachVppInterceptor(client, { engine });
  const start = performance.now();
  const timers = (c.schedule ?? []).map((step) =>
    setTimeout(() => sim.faults.setForToken(sToken, bucket(step.perSecond)), step.atMs),
  );
  let foreignStop = () => {};
  if (c.foreign !== undefined) {
    const every = setInterval(() => {
      fetch(`${sim.url}/mdm/v2/assets`, { headers: { Authorization: `Bearer ${sToken}` } })
        .then((r) => r.arrayBuffer())
        .catch(() => {});
    }, 1000 / c.foreign);
    foreignStop = () => clearInterval(every);
  }
  const calls = Math.max(1, Math.round(c.calls / down));
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < calls) {
      next += 1;
      await client.get('/assets').catch(() => {
        failed += 1;
      });
    }
  };
  await Promise.all(Array.from({ length: c.workers }, worker));
  const wallMs = performance.now() - start;
  foreignStop();
  for (const t of timers) clearTimeout(t);
  const hash = sim.tokenHash(sToken);
  const inWindow = c.foreign === undefined ? sim.requests.violations(hash, { graceMs: 10 }).length : '–';
  await sim.close();
  return {
    wallMs,
    ratio: wallMs / (c.idealMs / down),
    perCall: attempts / calls,
    throttled,
    share: throttled / attempts,
    inWindow,
    failed,
    minRate,
    recovery: recoveryAfter(c, admittedAt, start),
  };
}

/** Seconds after capacity returned until a one-second window held ≥ 0.9 × 15 admitted requests. */
function recoveryAfter(/** @type {Case} */ c, /** @type {number[]} */ admitted, /** @type {number} */ start) {
  const back = c.schedule?.at(-1);
  if (back === undefined) return '–';
  const from = start + back.atMs;
  const times = admitted.filter((t) => t >= from);
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] > 1000) j++;
    if (i - j + 1 >= 0.9 * back.perSecond) return ((times[i] - from) / 1000).toFixed(1);
  }
  return 'never';
}

const rows = [];
for (const key of values.cases.split(',')) {
  const c = CASES[key];
  if (c === undefined) throw new Error(`unknown case ${key}`);
  for (const spec of values.grid.split(',')) {
    const r = await run(c, spec);
    console.log(`  done: ${c.id} / ${spec}`);
    rows.push([
      c.id,
      spec,
      (r.wallMs / 1000).toFixed(1),
      r.ratio.toFixed(2),
      r.perCall.toFixed(2),
      String(r.throttled),
      `${(r.share * 100).toFixed(1)} %`,
      String(r.inWindow),
      String(r.failed),
      Number.isFinite(r.minRate) ? r.minRate.toFixed(1) : '–',
      r.recovery,
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
      'lowest rate',
      'back to 13.5/s (s)',
    ],
    rows,
  ),
);

#!/usr/bin/env node
// Goodput under an Apple-style throttle: N logical GET /mdm/v2/assets on ONE token (15 req/s, burst 15), W concurrent
// workers, for each retry strategy and each Retry-After style. Prints a table, writes .cache/bench/throttle.json.
// Needs built packages (pnpm build). Usage:
//   node bench/throttle.mjs [--requests 300] [--concurrency 20] [--jobs 3] [--grace 10] [--full]
//                           [--styles seconds,http-date,none] [--strategies axios-retry,vppwatch-axios,...]
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { writeResult } from './lib/cache-dir.mjs';
import { describeIdeal } from './lib/ideal.mjs';
import { buildMatrix } from './lib/matrix.mjs';
import { runPool } from './lib/pool.mjs';
import { STRATEGIES } from './lib/strategies.mjs';
import { formatTable, mark } from './lib/table.mjs';
import { judgeRun, TARGETS } from './lib/targets.mjs';
import { runThrottle } from './lib/throttle-run.mjs';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '20' },
    jobs: { type: 'string', default: '3' },
    grace: { type: 'string', default: '10' },
    full: { type: 'boolean', default: false },
    styles: { type: 'string' },
    strategies: { type: 'string' },
  },
});
const params = {
  requests: Number(values.requests),
  concurrency: Number(values.concurrency),
  perSecond: 15,
  burst: 15,
  graceMs: Number(values.grace),
  jobs: Number(values.jobs),
};
const matrix = buildMatrix({
  full: values.full ?? false,
  styles: values.styles?.split(','),
  strategies: values.strategies?.split(','),
});

console.log(
  `Throttle bench: ${params.requests} logical GET /mdm/v2/assets on one token, ${params.concurrency} workers, ` +
    `server bucket ${params.perSecond} req/s burst ${params.burst}, ${matrix.length} runs, ${params.jobs} at a time ` +
    `(each with its own simulator process and token), ${availableParallelism()} cores, Node ${process.versions.node}`,
);
console.log(describeIdeal(params));

const started = performance.now();
const runs = await runPool(
  matrix.map(({ strategy, retryAfter }, index) => async () => {
    const run = await runThrottle({ ...params, strategy, retryAfter, seed: index + 1 });
    console.log(`  done: ${strategy.id} / ${retryAfter} in ${(run.wallMs / 1000).toFixed(1)} s`);
    return run;
  }),
  params.jobs,
);

const labelOf = (/** @type {string} */ id) => {
  const strategy = STRATEGIES.find((s) => s.id === id);
  return strategy === undefined ? id : `${strategy.label}${strategy.extra ? ' *' : ''}`;
};
console.log('');
console.log(
  formatTable(
    [
      'strategy',
      'Retry-After',
      'wall s',
      'x ideal',
      'attempts/req',
      '429s',
      `in window (${params.graceMs} ms)`,
      'give-ups',
      'meets targets',
    ],
    runs.map((run) => [
      labelOf(run.strategy),
      run.retryAfter,
      (run.wallMs / 1000).toFixed(2),
      run.wallRatio.toFixed(4),
      run.attemptsPerRequest.toFixed(2),
      run.throttled,
      run.insideWindow,
      run.giveUps,
      mark(judgeRun(run).all),
    ]),
  ),
);
if (runs.some((run) => STRATEGIES.find((s) => s.id === run.strategy)?.extra)) {
  console.log(
    '\n* not a comparison row: vppwatch with its proactive limiter off, to show the shared Retry-After gate alone.',
  );
}
console.log(
  `\nTargets: every request done (no give-up) within ${TARGETS.wallRatio}x ideal; <= ${TARGETS.attemptsPerRequest} ` +
    `attempts per logical request; ${TARGETS.insideWindow} requests inside an announced Retry-After window.`,
);
const path = writeResult('throttle.json', {
  bench: 'throttle',
  generatedAt: new Date().toISOString(),
  node: process.versions.node,
  cores: availableParallelism(),
  params,
  definitions: {
    ideal: describeIdeal(params),
    wallMs: 'from just before the first request to the settling of the last logical request, client clock',
    attemptsPerRequest:
      "requests the simulator received for the token / logical requests (the server's record)",
    insideWindow: `requests that arrived more than ${params.graceMs} ms after the server sent a Retry-After answer to the token and before that window ended (simulator violations(hash, { graceMs }))`,
    giveUps: 'logical requests that finally rejected',
    throttled: '429 answers the simulator sent for the token',
  },
  targets: TARGETS,
  strategies: STRATEGIES.map(({ id, label, config }) => ({ id, label, config })),
  runs: runs.map((run) => ({ ...run, meets: judgeRun(run) })),
  totalSeconds: Math.round((performance.now() - started) / 1000),
});
console.log(`Wrote ${path} (${Math.round((performance.now() - started) / 1000)} s in all)`);

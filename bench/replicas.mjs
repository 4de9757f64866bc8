#!/usr/bin/env node
// Replicas of one application on one token: 1, 2, 4 and 8 worker processes, each with its own engine, at
// 15 requests/s, with the Redis store and without it (each process on its own: the baseline), plus a capacity
// row (the organization admits less than it announces). Every number comes from the simulator's request log and
// Redis's INFO commandstats. A report, not a test: nothing here fails on a number.
// Usage: node bench/replicas.mjs [--workers 1,2,4,8] [--calls 600] [--redis URL] [--skip-baseline] [--no-capacity]
import { parseArgs } from 'node:util';
import { writeResult } from './lib/cache-dir.mjs';
import { INSTALL_HINT, redisForRun } from './lib/redis-for-bench.mjs';
import { runReplicas } from './lib/replica-run.mjs';
import { replicaRows, replicaTable } from './lib/replica-summary.mjs';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,4,8' },
    calls: { type: 'string', default: '600' },
    redis: { type: 'string' },
    'skip-baseline': { type: 'boolean', default: false },
    'no-capacity': { type: 'boolean', default: false },
  },
});
const workerCounts = values.workers.split(',').map(Number);
const calls = Number(values.calls);

const redis = await redisForRun(values.redis);
if (redis === null) {
  console.error(`bench/replicas.mjs: ${INSTALL_HINT}`);
  process.exit(1);
}
/** @type {Array<import('./lib/replica-run.mjs').ReplicaResult & { case: string }>} */
const runs = [];
try {
  for (const workers of workerCounts) {
    for (const store of values['skip-baseline'] ? [true] : [false, true]) {
      const run = {
        case: '15/s',
        ...(await runReplicas({ workers, calls, redisUrl: store ? redis.url : null })),
      };
      runs.push(run);
      console.log(replicaRows([run])[0]?.join('  '));
    }
  }
  if (!values['no-capacity']) {
    // The organization admits 5/s while Apple announces 15/s: the closed loop must find it across 4 replicas.
    const spec = { workers: 4, calls: 120, perSecond: 5, burst: 5 };
    for (const store of values['skip-baseline'] ? [true] : [false, true]) {
      const run = {
        case: 'admits 5/s',
        ...(await runReplicas({ ...spec, redisUrl: store ? redis.url : null })),
      };
      runs.push(run);
      console.log(replicaRows([run])[0]?.join('  '));
    }
  }
} finally {
  await redis.stop();
}
console.log(`\n${replicaTable(runs)}`);
const path = writeResult('replicas.json', { generatedAt: new Date().toISOString(), runs });
console.log(`\nJSON: ${path}`);

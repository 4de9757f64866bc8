// `pnpm demo --replicas N`: N worker processes, each with its own engine, on one organization that admits
// 15 requests/s; first each on its own, then sharing one gate and one rate through the Redis store; both
// summaries side by side. Uses --redis URL, or starts Debian's redis-server when it is on PATH.
import { INSTALL_HINT, redisForRun } from '@vppwatch/bench/lib/redis-for-bench.mjs';
import { runReplicas } from '@vppwatch/bench/lib/replica-run.mjs';

const PER_SECOND = 15;

/** @param {{ replicas: number, redis: string | null, ops: number | null, quiet: boolean }} args */
export async function replicaDemo(args) {
  const redis = await redisForRun(args.redis ?? undefined);
  if (redis === null) {
    console.error(`vppwatch demo: ${INSTALL_HINT}`);
    return 1;
  }
  const calls = args.ops ?? 100 * args.replicas;
  const spec = { workers: args.replicas, calls, concurrency: 5, perSecond: PER_SECOND, graceMs: 50 };
  const say = (/** @type {string} */ line) => {
    if (!args.quiet) console.log(line);
  };
  const logged = new Set();
  const onEvent = (/** @type {{ type: string, message?: string }} */ event) => {
    if (event.type === 'log' && event.message && !logged.has(event.message)) {
      logged.add(event.message);
      say(`  (a replica says: ${event.message})`);
    }
  };
  try {
    say(
      `${args.replicas} replicas, ${calls} calls on one organization that admits ${PER_SECOND} requests/s, ` +
        '5 at a time per replica',
    );
    say('1/2 each replica on its own (a per-process limiter, as without the store)…');
    const alone = await runReplicas({ ...spec, redisUrl: null, onEvent });
    say(`2/2 sharing one gate and one rate through Redis (${redactedUrl(redis.url)})…`);
    const shared = await runReplicas({ ...spec, redisUrl: redis.url, onEvent });
    console.log(`\n${sideBySide(alone, shared)}`);
    return shared.rejected === 0 ? 0 : 1;
  } finally {
    await redis.stop();
  }
}

/** @param {import('@vppwatch/bench/lib/replica-run.mjs').ReplicaResult} a @param {import('@vppwatch/bench/lib/replica-run.mjs').ReplicaResult} b */
function sideBySide(a, b) {
  const rows = [
    ['', 'each on its own', 'shared through Redis'],
    ['calls', a.calls, b.calls],
    ['calls rejected', a.rejected, b.rejected],
    ['attempts Apple received', a.attempts, b.attempts],
    ['attempts per call', a.attemptsPerCall, b.attemptsPerCall],
    ['429 answers', a.throttled, b.throttled],
    ['arrivals inside an announced Retry-After (50 ms grace)', a.insideWindow, b.insideWindow],
    ['wall time, s', (a.wallMs / 1000).toFixed(1), (b.wallMs / 1000).toFixed(1)],
    ['x ideal wall time', a.wallRatio ?? '-', b.wallRatio ?? '-'],
    ['Redis round trips per call (script calls)', '-', b.redisRoundTripsPerCall ?? '-'],
    ['Redis commands per call (inside scripts too)', '-', b.redisCommandsPerCall ?? '-'],
    [
      'Redis round trip per turn, ms (mean / p99)',
      '-',
      b.acquireMs ? `${b.acquireMs.mean} / ${b.acquireMs.p99}` : '-',
    ],
  ].map((row) => row.map(String));
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  return rows
    .map(
      (r, i) =>
        [r[0]?.padEnd(widths[0] ?? 0), r[1]?.padStart(widths[1] ?? 0), r[2]?.padStart(widths[2] ?? 0)].join(
          '  ',
        ) + (i === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
}

/** The URL without its password, for the console. @param {string} url */
function redactedUrl(url) {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

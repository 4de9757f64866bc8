// Replicas of one application on one token: N worker processes, each with its own engine, with or without the
// Redis store, against one simulator in its own process; the simulator's request log is the truth.
import { fork } from 'node:child_process';
import { startSimulatorProcess } from '@vppwatch/simulator';
import { createClient } from 'redis';

/**
 * @typedef {object} ReplicaSpec
 * @property {number} workers
 * @property {number} calls            logical calls in all, split evenly
 * @property {number} [concurrency]    calls in flight per worker (default 5)
 * @property {number} [perSecond]      the organization's allowance (default 15)
 * @property {number} [burst]          default: perSecond
 * @property {string | null} redisUrl  null: no store (each process on its own)
 * @property {number} [graceMs]        in-flight grace for arrivals inside an announced window (default 50)
 * @property {Record<string, unknown>} [engineOptions]
 * @property {(event: { type: string, worker: number, message?: string }) => void} [onEvent]
 * @property {boolean} [progress]   report every settled call through onEvent
 * @property {boolean} [arrivals]   return the simulator's arrival times (ms)
 */

/**
 * @typedef {object} ReplicaResult
 * @property {number} workers
 * @property {boolean} store
 * @property {number} calls
 * @property {number} succeeded
 * @property {number} rejected
 * @property {Record<string, number>} giveUpKinds
 * @property {number} attempts            requests the simulator received
 * @property {number} attemptsPerCall
 * @property {number} throttled           429 answers
 * @property {number} throttledShare      429s / attempts
 * @property {number} insideWindow        arrivals inside an announced window after graceMs
 * @property {number} wallMs              slowest worker
 * @property {number} idealMs
 * @property {number | null} wallRatio   null when every call fits in the first burst
 * @property {number} storeErrors
 * @property {number | null} redisCommandsPerCall    every command Redis ran, those inside scripts included
 * @property {number | null} redisRoundTripsPerCall  script calls (EVALSHA/EVAL) per logical call
 * @property {{ mean: number, p50: number, p99: number } | null} acquireMs   round trip of one turn, across workers
 * @property {(boolean | null)[]} sharedAtEnd   per worker: whether its store was in shared mode at the end
 * @property {number[]} [arrivals]   when the simulator saw each attempt (ms)
 * @property {number[]} [sentAt]     when each attempt left its worker, on the host's clock (ms)
 * @property {number[]} lateness   per arrival inside a window: ms after the answer that announced it
 * @property {number} loopLagMaxMs   the longest event-loop stall of any worker during the run
 * @property {number} insideWindowLagGrace   arrivals inside a window after graceMs plus that stall: a replica
 *   cannot act on an announcement before its loop gets to it, so on a starved host this is the fair count
 */

/** @param {ReplicaSpec} spec @returns {Promise<ReplicaResult>} */
export async function runReplicas(spec) {
  const perSecond = spec.perSecond ?? 15;
  const burst = spec.burst ?? perSecond;
  const graceMs = spec.graceMs ?? 50;
  const sim = await startSimulatorProcess({ seed: 1 });
  const children = [];
  try {
    const sToken = await sim.token();
    await sim.faults.setForToken(sToken, { rateLimit: { perSecond, burst, retryAfter: 'seconds' } });
    const before = spec.redisUrl === null ? null : await commandCount(spec.redisUrl);
    const shares = split(spec.calls, spec.workers);
    for (let i = 0; i < spec.workers; i++) children.push(startWorker(i, spec.onEvent));
    await Promise.all(
      children.map((child, i) =>
        child.ask(
          {
            type: 'prepare',
            spec: {
              simUrl: sim.url,
              sToken,
              calls: shares[i],
              concurrency: spec.concurrency ?? 5,
              redisUrl: spec.redisUrl,
              engineOptions: spec.engineOptions,
              progress: spec.progress === true,
            },
          },
          'ready',
        ),
      ),
    );
    const results = await Promise.all(children.map((child) => child.ask({ type: 'go' }, 'done')));
    const after = spec.redisUrl === null ? null : await commandCount(spec.redisUrl);
    const hash = sim.tokenHash(sToken);
    const log = await sim.requests.forToken(hash);
    const violations = await sim.requests.violations(hash, { graceMs });
    const insideWindow = violations.length;
    const loopLagMaxMs = Math.max(...results.map((r) => r.loopLagMaxMs));
    const lagGraceMs = graceMs + loopLagMaxMs;
    const insideWindowLagGrace = (await sim.requests.violations(hash, { graceMs: lagGraceMs })).length;
    const succeeded = sum(results.map((r) => r.succeeded));
    const idealMs = (Math.max(0, spec.calls - burst) / perSecond) * 1000;
    const wallMs = Math.max(...results.map((r) => r.wallMs));
    return {
      workers: spec.workers,
      store: spec.redisUrl !== null,
      calls: spec.calls,
      succeeded,
      rejected: spec.calls - succeeded,
      giveUpKinds: mergeCounts(results.map((r) => r.giveUpKinds)),
      attempts: log.length,
      attemptsPerCall: round(log.length / spec.calls, 3),
      throttled: log.filter((r) => r.status === 429).length,
      throttledShare: round(log.filter((r) => r.status === 429).length / Math.max(1, log.length), 4),
      insideWindow,
      wallMs: round(wallMs, 1),
      idealMs,
      wallRatio: idealMs > 0 ? round(wallMs / idealMs, 4) : null,
      storeErrors: sum(results.map((r) => r.storeErrors)),
      redisCommandsPerCall:
        before === null || after === null ? null : round((after.total - before.total) / spec.calls, 3),
      redisRoundTripsPerCall:
        before === null || after === null ? null : round((after.scripts - before.scripts) / spec.calls, 3),
      acquireMs: pool(results.map((r) => r.acquireMs)),
      sharedAtEnd: results.map((r) => r.shared),
      ...(spec.arrivals
        ? { arrivals: log.map((r) => r.at), sentAt: results.flatMap((r) => r.sentAt).sort((a, b) => a - b) }
        : {}),
      lateness: latenessOf(violations, log),
      loopLagMaxMs,
      insideWindowLagGrace,
    };
  } finally {
    for (const child of children) child.stop();
    await sim.close();
  }
}

/**
 * Commands Redis has run (INFO commandstats, INFO itself left out): all of them (those a script runs inside
 * count too) and the script calls alone (EVALSHA and EVAL: the round trips).
 */
/** @param {string} url @returns {Promise<{ total: number, scripts: number } | null>} null when Redis cannot be asked */
async function commandCount(url) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.sendCommand(['INFO', 'commandstats']);
    let total = 0;
    let scripts = 0;
    for (const match of String(info).matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) {
      if (match[1] === 'info') continue;
      total += Number(match[2]);
      if (match[1] === 'evalsha' || match[1] === 'eval') scripts += Number(match[2]);
    }
    return { total, scripts };
  } catch {
    return null;
  } finally {
    if (client.isOpen) await client.close();
  }
}

/** @typedef {import('./replica-worker.mjs').WorkerResult} WorkerResult */
/** @typedef {{ type: string, message?: string, result?: WorkerResult }} WorkerMessage */

/**
 * @param {number} index
 * @param {ReplicaSpec['onEvent']} onEvent
 */
function startWorker(index, onEvent) {
  const child = fork(new URL('./replica-worker.mjs', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  /** @type {Map<string, { resolve: (value: WorkerResult) => void, reject: (error: Error) => void }>} */
  const waiting = new Map();
  const rejectAll = (/** @type {Error} */ error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  child.on('message', (raw) => {
    const message = /** @type {WorkerMessage} */ (raw);
    if (message.type === 'log' || message.type === 'progress') onEvent?.({ ...message, worker: index });
    else if (message.type === 'failed') rejectAll(new Error(`worker ${index}: ${message.message}`));
    else {
      const pending = waiting.get(message.type);
      waiting.delete(message.type);
      pending?.resolve(/** @type {WorkerResult} */ (message.result));
    }
  });
  child.on('exit', (code) => rejectAll(new Error(`worker ${index} exited (${code})`)));
  return {
    child,
    /** @param {object} message @param {string} answer @returns {Promise<WorkerResult>} */
    ask(message, answer) {
      return new Promise((resolve, reject) => {
        waiting.set(answer, { resolve, reject });
        child.send(message);
      });
    },
    stop() {
      if (child.connected) child.disconnect();
    },
  };
}

/**
 * For each arrival inside a window: how long after the announcing answer it came (ms), to tell requests that
 * were nearly on the wire from requests sent long after.
 * @param {import('@vppwatch/simulator').RequestRecord[]} violations
 * @param {import('@vppwatch/simulator').RequestRecord[]} log
 */
function latenessOf(violations, log) {
  const announced = log.filter((r) => r.retryAfterMs !== null && r.windowEndsAt !== null);
  return violations.map((q) => {
    const by = announced.filter((r) => q.at > r.answeredAt && q.at < (r.windowEndsAt ?? 0));
    return Math.round(Math.min(...by.map((r) => q.at - r.answeredAt)));
  });
}

/** @param {number} total @param {number} parts @returns {number[]} */
function split(total, parts) {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** @param {Record<string, number>[]} list */
function mergeCounts(list) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const counts of list) for (const [k, v] of Object.entries(counts)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** @param {(import('./replica-worker.mjs').Latency | null)[]} latencies */
function pool(latencies) {
  const present = latencies.filter((l) => l !== null);
  if (present.length === 0) return null;
  const weight = sum(present.map((l) => l.count));
  /** @param {'mean' | 'p50'} key */
  const weighted = (key) => round(sum(present.map((l) => l[key] * l.count)) / weight, 3);
  return { mean: weighted('mean'), p50: weighted('p50'), p99: Math.max(...present.map((l) => l.p99)) };
}

const sum = (/** @type {number[]} */ values) => values.reduce((a, b) => a + b, 0);
const round = (/** @type {number} */ v, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

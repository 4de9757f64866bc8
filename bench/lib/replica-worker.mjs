// One replica: its own process, its own engine, optionally a Redis store; sends its share of logical GETs to
// the simulator and reports what happened. Forked by replica-run.mjs; talks over IPC only.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createVppEngine } from '@vppwatch/core';
import { createRedisStore } from '@vppwatch/redis-store';
import { Registry } from 'prom-client';

/**
 * @typedef {object} WorkerSpec
 * @property {string} simUrl
 * @property {string} sToken
 * @property {number} calls
 * @property {number} concurrency
 * @property {string | null} redisUrl
 * @property {Record<string, unknown>} [engineOptions]
 * @property {boolean} [progress]   send a message after every settled call
 */

/**
 * @typedef {object} Latency
 * @property {number} count
 * @property {number} mean
 * @property {number} p50
 * @property {number} p99
 */

/**
 * @typedef {object} WorkerResult
 * @property {number} succeeded
 * @property {number} failed
 * @property {Record<string, number>} giveUpKinds
 * @property {number} wallMs
 * @property {number} storeErrors
 * @property {boolean | null} shared
 * @property {Latency | null} acquireMs
 * @property {number[]} sentAt        when each attempt left, on the host's clock (ms)
 * @property {number} loopLagMaxMs
 */

/** @typedef {{ status: number, headers: Headers, body: string }} FetchResult */
/** @typedef {import('@vppwatch/redis-store').RedisTenantStore} Store */

/** @param {WorkerSpec} spec */
async function prepare(spec) {
  const registry = new Registry();
  const store =
    spec.redisUrl === null
      ? undefined
      : await createRedisStore({ url: spec.redisUrl, logger: quietLogger() });
  const latency = store === undefined ? null : timeAcquire(store);
  const engine = createVppEngine({ metrics: { registry }, store, ...(spec.engineOptions ?? {}) });
  // A replica that has been up for a while: its HTTP connection pool and code paths are warm. service/config
  // needs no token, so it does not count against the organization.
  await fetch(`${spec.simUrl}/mdm/v2/service/config`).then((r) => r.arrayBuffer());
  return { registry, store, engine, latency };
}

/** Warnings go to the parent, once each, instead of interleaving with its table. */
function quietLogger() {
  /** @param {string} message */
  const send = (message) => process.send?.({ type: 'log', message });
  return { warn: send, info: send };
}

/** Measures the round trips of `acquire` (the latency the store adds to an attempt). @param {Store} store */
function timeAcquire(store) {
  /** @type {number[]} */
  const samples = [];
  const acquire = store.acquire.bind(store);
  store.acquire = (tenant, now, rate) => {
    const started = performance.now();
    const turn = acquire(tenant, now, rate);
    if (turn instanceof Promise) turn.then(() => samples.push(performance.now() - started));
    return turn;
  };
  return samples;
}

/**
 * @param {WorkerSpec} spec
 * @param {Awaited<ReturnType<typeof prepare>>} ready
 * @returns {Promise<WorkerResult>}
 */
async function run(spec, ready) {
  const url = `${spec.simUrl}/mdm/v2/assets`;
  const headers = { authorization: `Bearer ${spec.sToken}` };
  let next = 0;
  let succeeded = 0;
  /** @type {number[]} */
  const sentAt = [];
  /** @type {Record<string, number>} */
  const giveUpKinds = {};
  const worker = async () => {
    while (next < spec.calls) {
      next += 1;
      try {
        await ready.engine.execute({ method: 'GET', url, headers }, transport(url, headers, sentAt));
        succeeded += 1;
      } catch (error) {
        const e = /** @type {{ code?: string, reason?: string }} */ (error);
        const kind = `${e?.code ?? 'error'}${e?.reason ? ` ${e.reason}` : ''}`;
        giveUpKinds[kind] = (giveUpKinds[kind] ?? 0) + 1;
      }
      if (spec.progress) process.send?.({ type: 'progress' });
    }
  };
  // A replica cannot act on an answer (or a gate another replica announced) before its event loop gets to it.
  const loopLag = monitorEventLoopDelay({ resolution: 5 });
  loopLag.enable();
  const started = performance.now();
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const wallMs = performance.now() - started;
  loopLag.disable();
  const storeErrors = await metricSum(ready.registry, 'apple_vpp_store_errors_total');
  const shared = ready.store?.shared ?? null;
  await ready.store?.close();
  return {
    succeeded,
    failed: spec.calls - succeeded,
    giveUpKinds,
    wallMs,
    storeErrors,
    shared,
    acquireMs: ready.latency === null ? null : summarize(ready.latency),
    sentAt,
    loopLagMaxMs: Math.ceil(loopLag.max / 1e6),
  };
}

/**
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {number[]} sentAt
 * @returns {import('@vppwatch/core').Transport<FetchResult>}
 */
function transport(url, headers, sentAt) {
  return {
    async send({ signal }) {
      sentAt.push(performance.timeOrigin + performance.now());
      const response = await fetch(url, { headers, signal });
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
    read: (result) => result,
    readError: () => null,
  };
}

/** @param {Registry} registry @param {string} name */
async function metricSum(registry, name) {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

/** @param {number[]} samples @returns {Latency | null} */
function summarize(samples) {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  /** @param {number} q */
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { count: sorted.length, mean: round(mean), p50: round(at(0.5)), p99: round(at(0.99)) };
}

const round = (/** @type {number} */ v) => Math.round(v * 1000) / 1000;

/** @type {Awaited<ReturnType<typeof prepare>> | undefined} */
let ready;
/** @type {WorkerSpec | undefined} */
let spec;
process.on('message', async (raw) => {
  const message = /** @type {{ type: string, spec?: WorkerSpec }} */ (raw);
  try {
    if (message.type === 'prepare' && message.spec) {
      spec = message.spec;
      ready = await prepare(message.spec);
      process.send?.({ type: 'ready' });
    } else if (message.type === 'go' && spec && ready) {
      process.send?.({ type: 'done', result: await run(spec, ready) });
    }
  } catch (error) {
    const e = /** @type {{ code?: string, message?: string }} */ (error);
    process.send?.({ type: 'failed', message: String(e?.code ?? e?.message ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));

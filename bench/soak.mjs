#!/usr/bin/env node
// Memory under a long run, through the engine both adapters drive (`engine.execute`, metrics on a real prom-client
// registry; an in-process transport answers, so the run measures vppwatch's own state and not sockets or a client:
// the adapters keep nothing between calls, their per-request state lives in WeakMaps):
//   one-token: 100,000 calls on one token, with throttles, 9603 retries, already-assigned answers and auth errors;
//   many-tokens: 200,000 tokens, one call each, every one a failure of some kind (a Retry-After too long, which
//   raises the token's gate; a 9603 then a success; a 9621; a 9646 with Retry-After 0 then a success).
// The heap is read after a forced GC before and after each run (after a warm-up), and the metric series counted.
// Writes .cache/bench/soak.json. Needs built packages (pnpm build). Re-runs itself with --expose-gc.
// Usage: node bench/soak.mjs [--one-token 100000] [--tokens 200000] [--concurrency 100]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

if (typeof globalThis.gc !== 'function') {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ['--expose-gc', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const { createVppEngine } = await import('@vppwatch/core');
const { Registry } = await import('prom-client');
const { writeResult } = await import('./lib/cache-dir.mjs');
const { formatTable } = await import('./lib/table.mjs');
const { TARGETS } = await import('./lib/targets.mjs');

const { values } = parseArgs({
  options: {
    'one-token': { type: 'string', default: '100000' },
    tokens: { type: 'string', default: '200000' },
    concurrency: { type: 'string', default: '100' },
  },
});
const CONCURRENCY = Number(values.concurrency);
const HEAP_TARGET_MB = TARGETS.soakHeapMb;

/** @typedef {{ status: number, body: string, headers: Record<string, string> }} Reply */
/** @typedef {import('@vppwatch/core').VppEngine} Engine */

/** @param {number} status @param {object} body @param {Record<string, string>} [headers] @returns {Reply} */
const json = (status, body, headers = {}) => ({ status, body: JSON.stringify(body), headers });
const OK = json(200, { assets: [{ adamId: '1' }], tokenExpirationDate: '2031-05-06T07:08:09+0000' });
/** @param {number} status @param {number} errorNumber @param {Record<string, string>} [headers] */
const apple = (status, errorNumber, headers) => json(status, { errorNumber, errorMessage: 'x' }, headers);

/** @typedef {(i: number) => Reply[]} Plan */
/** What the fake Apple answers: per call, a list of replies in order (the last one repeats). */
/** @type {Record<'one-token' | 'many-tokens', Plan>} */
const PLANS = {
  'one-token': (i) => {
    switch (i % 10) {
      case 1:
        return [apple(500, 9603), OK];
      case 2:
        return [apple(429, 9646, { 'retry-after': '0' }), OK];
      case 3:
        return [json(200, { status: -1, errorNumber: 9616, errorMessage: 'already' })];
      case 4:
        return [apple(401, 9621)];
      default:
        return [OK];
    }
  },
  'many-tokens': (i) => {
    switch (i % 4) {
      case 0:
        return [apple(429, 9646, { 'retry-after': '120' })];
      case 1:
        return [apple(500, 9603), OK];
      case 2:
        return [apple(401, 9621)];
      default:
        return [apple(429, 9646, { 'retry-after': '0' }), OK];
    }
  },
};

/** One call's transport: answers from its plan, one reply per attempt. @param {Reply[]} plan */
function transport(plan) {
  let sent = 0;
  return {
    send: async () => /** @type {Reply} */ (plan[Math.min(sent++, plan.length - 1)]),
    read: (/** @type {Reply} */ reply) => reply,
    readError: () => null,
  };
}

/** @param {Engine} engine @param {number} count @param {Plan} plan @param {(i: number) => string} tokenOf */
async function runCalls(engine, count, plan, tokenOf) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const headers = { authorization: `Bearer ${tokenOf(i)}` };
      const request = { method: 'GET', url: 'https://vpp.itunes.apple.com/mdm/v2/assets', headers };
      await engine.execute(request, transport(plan(i))).catch(() => failed++);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failed;
}

function heapMb() {
  const gc = /** @type {() => void} */ (globalThis.gc);
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** @param {import('prom-client').Registry} registry */
async function seriesCount(registry) {
  const metrics = await registry.getMetricsAsJSON();
  return metrics.reduce((n, metric) => n + metric.values.length, 0);
}

/**
 * @param {'one-token' | 'many-tokens'} name @param {number} calls @param {(i: number) => string} tokenOf
 * @param {import('@vppwatch/core').VppEngineOptions} options
 */
async function soak(name, calls, tokenOf, options) {
  const registry = new Registry();
  const engine = createVppEngine({
    metrics: { registry },
    tracing: false,
    baseDelayMs: { transient: 1, throttled: 1, retry_later: 1 },
    // Set, not left to the default: a Retry-After of 120 s must give up at once (and raise the token's gate).
    maxRetryAfterMs: 60_000,
    ...options,
  });
  const plan = PLANS[name];
  // Warm-up: code paths compiled, every metric series that can exist created, before the first reading.
  const warmUp = Math.min(5_000, calls);
  await runCalls(engine, warmUp, plan, (i) => tokenOf(calls + i));
  const before = heapMb();
  const seriesBefore = await seriesCount(registry);
  const started = performance.now();
  const failed = await runCalls(engine, calls, plan, tokenOf);
  const seconds = (performance.now() - started) / 1000;
  const after = heapMb();
  const seriesAfter = await seriesCount(registry);
  return {
    name,
    calls,
    failed,
    seconds: +seconds.toFixed(1),
    heapBeforeMb: +before.toFixed(2),
    heapAfterMb: +after.toFixed(2),
    heapDeltaMb: +(after - before).toFixed(2),
    seriesBefore,
    seriesAfter,
    met: after - before <= HEAP_TARGET_MB && seriesAfter === seriesBefore,
  };
}

const results = [
  // One token sends 100k calls: the per-second limit would pace them over hours, so it is off here.
  await soak('one-token', Number(values['one-token']), () => 'one-token', { rateLimit: false }),
  await soak('many-tokens', Number(values.tokens), (i) => `token-${i}`, {}),
];

console.log(`Soak: heap after a forced GC, before and after each run; Node ${process.versions.node}`);
console.log(
  formatTable(
    [
      'soak',
      'calls',
      'failed',
      's',
      'heap before MB',
      'heap after MB',
      `growth MB (<= ${HEAP_TARGET_MB})`,
      'series before/after',
    ],
    results.map((r) => [
      r.name,
      r.calls,
      r.failed,
      r.seconds,
      r.heapBeforeMb,
      r.heapAfterMb,
      `${r.heapDeltaMb} ${r.met ? 'yes' : 'NO'}`,
      `${r.seriesBefore}/${r.seriesAfter}`,
    ]),
  ),
);
writeResult('soak.json', { node: process.versions.node, heapTargetMb: HEAP_TARGET_MB, results });

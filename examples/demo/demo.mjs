#!/usr/bin/env node
import { monitorEventLoopDelay } from 'node:perf_hooks';
// The vppwatch demo: an axios client and a got client, sharing one engine, run 1,200 MDM operations against a
// simulated Apple having a bad day, while the metrics are served for Prometheus on 127.0.0.1:9464.
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine } from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import axios from 'axios';
import got from 'got';
import { Registry } from 'prom-client';
import { parseArgs, USAGE, UsageError } from './lib/args.mjs';
import { serveMetrics } from './lib/metrics-server.mjs';
import { replicaDemo } from './lib/replicas.mjs';
import { startBadDay } from './lib/scenario.mjs';
import { summarize } from './lib/summary.mjs';
import { Tally } from './lib/tally.mjs';
import { planOperations, runOperation } from './lib/workload.mjs';

const CONCURRENCY_PER_CLIENT = 24;

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`vppwatch demo: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.replicas > 0) return replicaDemo(args);

  const registry = new Registry();
  let metricsServer;
  try {
    metricsServer = await serveMetrics(registry, args.port);
  } catch (error) {
    console.error(`vppwatch demo: ${error.message}`);
    return 1;
  }
  const scenario = await startBadDay(args.seed);
  const engine = createVppEngine({
    metrics: { registry },
    deadlineMs: 60_000,
    logger: { warn: (message) => log(args, message) },
  });
  const tally = new Tally();
  tally.listen(engine);

  const axiosClient = axios.create({ baseURL: scenario.sim.url, timeout: 10_000 });
  attachVppInterceptor(axiosClient, { engine });
  const gotClient = got.extend(
    { prefixUrl: scenario.sim.url, timeout: { request: 10_000 } },
    vppHooks({ engine }),
  );
  const clients = { axios: axiosClient, got: gotClient };

  // As an MDM does every 5 minutes: the engine follows the announced rate and learns codes the catalog lacks.
  await axiosClient.get('/mdm/v2/service/config');
  await gotClient.post('mdm/VPPServiceConfigSrv', { json: {} });

  const plan = planOperations(args.ops ?? 1200, scenario, mulberry32(args.seed));
  log(args, `simulator on ${scenario.sim.url} · metrics on http://127.0.0.1:${args.port}/metrics`);
  log(args, `running ${plan.length} operations through axios and got (seed ${args.seed})…`);

  // A client cannot act on an answer before its event loop gets to it: the longest stall of this process's loop
  // bounds how long an announcement can sit unread while requests already decided are sent.
  const loopLag = monitorEventLoopDelay({ resolution: 5 });
  loopLag.enable();
  const started = Date.now();
  const deadline = started + args.durationS * 1000;
  const progress = setInterval(() => printProgress(args, tally, plan.length, started), 1000);
  const queues = {
    axios: plan.filter((op) => op.client === 'axios'),
    got: plan.filter((op) => op.client === 'got'),
  };
  const worker = async (queue) => {
    while (queue.length > 0 && Date.now() < deadline) {
      const op = queue.shift();
      tally.finished(op, await runOperation(op, clients));
    }
  };
  await Promise.all(
    Object.values(queues).flatMap((queue) =>
      Array.from({ length: CONCURRENCY_PER_CLIENT }, () => worker(queue)),
    ),
  );
  clearInterval(progress);
  printProgress(args, tally, plan.length, started, true);
  const skipped = plan.length - tally.done;
  if (skipped > 0) log(args, `--duration reached: ${skipped} operations were not started`);

  loopLag.disable();
  const { text, consistent } = await summarize({
    tally,
    registry,
    sim: scenario.sim,
    elapsedMs: Date.now() - started,
    graceMs: 10 + Math.ceil(loopLag.max / 1e6),
  });
  console.log(text);

  if (args.serve) {
    console.log(
      `\nserving metrics on http://127.0.0.1:${args.port}/metrics with a light ongoing load; Ctrl-C to stop`,
    );
    await trickle(plan, clients, tally, args.seed);
  }
  clearInterval(progress);
  await scenario.close();
  await new Promise((resolve) => metricsServer.close(resolve));
  if (!consistent) {
    console.error("vppwatch demo: the clients' numbers disagree with the simulator's record");
    return 1;
  }
  return 0;
}

/** In --serve mode, keep a few operations a second flowing so dashboards show live rates, until stopped. */
async function trickle(plan, clients, tally, seed) {
  const random = mulberry32(seed + 1);
  let stopped = false;
  const stop = new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        stopped = true;
        resolve();
      });
    }
  });
  while (!stopped) {
    const op = plan[Math.floor(random() * plan.length)];
    tally.finished(op, await runOperation(op, clients));
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
}

function printProgress(args, tally, total, started, final = false) {
  if (args.quiet) return;
  const line =
    `[${String(Math.round((Date.now() - started) / 1000)).padStart(3)}s] ${tally.done}/${total} done · ` +
    `${tally.attempts} attempts · ${tally.retries} retries · ${tally.failed} failed`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}${final ? '\n' : ''}`);
  else console.log(line);
}

function log(args, message) {
  if (!args.quiet) console.log(message);
}

/** A small seeded PRNG so a seed always gives the same workload. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

process.exitCode = await main(process.argv.slice(2));

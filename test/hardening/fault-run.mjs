// Runs every fault case through one adapter (argv[2]: axios | got), as a user would with the built packages, and
// prints one JSON report. It never calls process.exit: the parent test checks that it ends by itself.
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine, isVppError } from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import { startScriptedServer } from '@vppwatch/simulator';
import axios from 'axios';
import { Registry } from 'prom-client';
import { FAULT_CASES, OK } from './fault-cases.mjs';

const adapter = process.argv[2];
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason?.name ?? reason)));
process.on('uncaughtException', (error) => unhandled.push(`uncaught ${error?.name}`));

const seen = new Map();
const server = await startScriptedServer((request) => {
  const id = request.headers['x-case'];
  const index = seen.get(id) ?? 0;
  seen.set(id, index + 1);
  const fault = FAULT_CASES.find((c) => c.id === id);
  return index === 0 && fault ? fault.fault() : OK;
});

const registry = new Registry();
const ends = { success: 0, giveUp: 0 };
const engine = createVppEngine({
  metrics: { registry },
  tracing: false,
  baseDelayMs: { transient: 2, throttled: 2, retry_later: 2 },
  maxRetryAfterMs: 1000,
  deadlineMs: 20_000,
  listeners: {
    success: () => ends.success++,
    giveUp: () => ends.giveUp++,
  },
});

async function clientFor(name) {
  if (name === 'axios') {
    const client = axios.create({ baseURL: server.url });
    attachVppInterceptor(client, { engine });
    return async (method, headers) => {
      const response = await client.request({
        method,
        url: '/mdm/v2/assets',
        headers,
        ...(method === 'POST' ? { data: { assets: [] } } : {}),
      });
      return typeof response.data === 'object' ? response.data : JSON.parse(response.data);
    };
  }
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const got = (nodeMajor >= 22 ? await import('got16') : await import('got')).default;
  const client = got.extend({ prefixUrl: server.url }, vppHooks({ engine }));
  return (method, headers) =>
    client('mdm/v2/assets', {
      method,
      headers,
      responseType: 'json',
      resolveBodyOnly: true,
      ...(method === 'POST' ? { json: { assets: [] } } : {}),
    });
}

/** One call: its single outcome, and how many terminal engine events it caused. */
async function call(send, method, headers) {
  const before = ends.success + ends.giveUp;
  const outcome = await send(method, headers).then(
    (body) => ({ kind: 'resolved', complete: Array.isArray(body?.assets) && body.assets.length === 20 }),
    (error) => {
      const typed = isVppError(error);
      let serializable = true;
      try {
        JSON.stringify(error);
        if (typed && error.retryAt !== null) new Date(error.retryAt).toISOString();
      } catch {
        serializable = false;
      }
      return {
        kind: 'rejected',
        typed,
        name: String(error?.name),
        code: typed ? error.code : String(error?.code),
        reason: typed ? error.reason : null,
        retryAtHours: typed && error.retryAt !== null ? (error.retryAt - Date.now()) / 3_600_000 : null,
        serializable,
      };
    },
  );
  return { ...outcome, terminalEvents: ends.success + ends.giveUp - before };
}

const send = await clientFor(adapter);
const results = [];
for (const fault of FAULT_CASES) {
  const headers = { authorization: `Bearer token-${adapter}-${results.length}`, 'x-case': fault.id };
  const first = await call(send, fault.method, headers);
  const servedAfterFirst = seen.get(fault.id) ?? 0;
  const next = await call(send, 'GET', headers);
  const servedAfterNext = seen.get(fault.id) ?? 0;
  results.push({ id: fault.id, first, next, nextReachedServer: servedAfterNext > servedAfterFirst });
}
await server.close();
const metrics = await registry.getMetricsAsJSON();
const series = metrics.reduce((n, metric) => n + metric.values.length, 0);
console.log(JSON.stringify({ adapter, results, unhandled, series }));

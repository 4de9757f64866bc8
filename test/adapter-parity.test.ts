import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine, type VppEngine } from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import axios from 'axios';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect, test } from 'vitest';

// The same workload through axios and through got must yield the same engine decisions and the same metric
// series: adapters carry out decisions, they never make their own.
const got = (
  Number(process.versions.node.split('.')[0]) >= 22
    ? (await import('got16')).default
    : (await import('got')).default
) as typeof import('got').default;

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
const err = (status: number, errorNumber: number, extra: object = {}): Reply => ({
  status,
  body: { errorNumber, errorMessage: 'x', ...extra },
});
const ok: Reply = { status: 200, body: { assets: [], tokenExpirationDate: '2030-01-01T00:00:00+0000' } };

/** Per path, the answers in order (the last repeats). Reset before each client's run. */
const SCRIPT: Record<string, Reply[]> = {
  '/mdm/v2/assets': [{ ...err(429, 9646), headers: { 'retry-after': '0' } }, ok],
  '/mdm/v2/users': [err(500, 9603), err(500, 9603), ok],
  '/mdm/v2/assets/associate': [err(500, 9603), { status: 200, body: { eventId: 'e1' } }],
  '/mdm/v2/client/config': [err(401, 9621)],
  '/mdm/v2/assignments': [{ ...err(503, 9644), headers: { 'retry-after': '0' } }, ok],
  '/mdm/manageVPPLicensesByAdamIdSrv': [
    { status: 200, body: { status: -1, errorNumber: 9616, errorMessage: 'x' } },
  ],
  '/mdm/getVPPUsersSrv': [{ status: 200, body: { status: -1, errorNumber: 9603, errorMessage: 'x' } }],
  '/mdm/retireVPPUserSrv': [{ status: 200, body: { status: -1, errorNumber: 9618, errorMessage: 'x' } }],
  '/mdm/v2/users/create': [err(400, 9717)],
  '/mdm/v2/status': [
    { status: 502, body: '<html>Bad gateway</html>' },
    { status: 200, body: { eventStatus: 'COMPLETE' } },
  ],
};
const WORKLOAD: { method: 'GET' | 'POST'; path: string; json?: object }[] = [
  { method: 'GET', path: '/mdm/v2/assets' },
  { method: 'GET', path: '/mdm/v2/users' },
  { method: 'POST', path: '/mdm/v2/assets/associate', json: { assets: [] } },
  { method: 'GET', path: '/mdm/v2/client/config' },
  { method: 'GET', path: '/mdm/v2/assignments' },
  { method: 'POST', path: '/mdm/manageVPPLicensesByAdamIdSrv', json: { sToken: 'legacy-token' } },
  { method: 'POST', path: '/mdm/getVPPUsersSrv', json: { sToken: 'legacy-token' } },
  { method: 'POST', path: '/mdm/retireVPPUserSrv', json: { sToken: 'legacy-token' } },
  { method: 'POST', path: '/mdm/v2/users/create', json: { users: [] } },
  { method: 'GET', path: '/mdm/v2/status?eventId=e1' },
];

let server: Server;
let base = '';
const served = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const replies = SCRIPT[path] ?? [{ status: 404, body: {} }];
    const index = served.get(path) ?? 0;
    served.set(path, index + 1);
    const reply = replies[Math.min(index, replies.length - 1)]!;
    req.resume();
    req.on('end', () => {
      const json = typeof reply.body !== 'string';
      res.writeHead(reply.status, {
        'content-type': json ? 'application/json' : 'text/html',
        ...reply.headers,
      });
      res.end(json ? JSON.stringify(reply.body) : reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

interface Run {
  decisions: string[];
  series: string[];
}

function deterministicEngine(
  registry: Registry,
): VppEngine & { on: ReturnType<typeof createVppEngine>['on'] } {
  return createVppEngine({
    metrics: { registry },
    tracing: false,
    rateLimit: false,
    random: () => 0.5,
    baseDelayMs: { transient: 2, throttled: 2, retry_later: 2 },
  });
}

async function runWorkload(
  send: (step: (typeof WORKLOAD)[number]) => Promise<unknown>,
  engine: ReturnType<typeof createVppEngine>,
  registry: Registry,
): Promise<Run> {
  served.clear();
  const decisions: string[] = [];
  engine.on('attempt', (e) =>
    decisions.push(`attempt ${e.operation} #${e.attempt} ${e.httpStatus} ${e.retryClass} ${e.errorNumber}`),
  );
  engine.on('retry', (e) =>
    decisions.push(`retry ${e.operation} ${e.retryClass} ${e.delaySource} ${e.errorNumber}`),
  );
  engine.on('giveUp', (e) => decisions.push(`giveUp ${e.operation} ${e.reason} ${e.errorNumber}`));
  engine.on('success', (e) => decisions.push(`success ${e.operation} attempts=${e.attempts}`));
  for (const step of WORKLOAD) {
    const outcome = await send(step).then(
      () => 'resolved',
      (error: { name?: string; code?: string }) => `rejected ${error.name} ${error.code}`,
    );
    decisions.push(`${step.method} ${step.path}: ${outcome}`);
  }
  // Durations and wall-clock timestamps differ between runs; everything counted must not.
  const series = (await registry.getMetricsAsJSON())
    .flatMap((metric) =>
      (
        metric.values as { labels: Record<string, string | number>; value: number; metricName?: string }[]
      ).map((v) => `${v.metricName ?? metric.name}${JSON.stringify(v.labels)} ${v.value}`),
    )
    .filter((line) => !/_sum|_bucket|request_duration|_timestamp_seconds/.test(line))
    .sort();
  return { decisions, series };
}

test('axios and got make the same decisions and produce the same metric series for the same workload', async () => {
  const axiosRegistry = new Registry();
  const axiosEngine = deterministicEngine(axiosRegistry);
  const client = axios.create({ baseURL: base, headers: { authorization: 'Bearer v2-token' } });
  attachVppInterceptor(client, { engine: axiosEngine });
  const viaAxios = await runWorkload(
    (step) => client.request({ method: step.method, url: step.path, data: step.json }),
    axiosEngine,
    axiosRegistry,
  );

  const gotRegistry = new Registry();
  const gotEngine = deterministicEngine(gotRegistry);
  const gotClient = got.extend(
    { prefixUrl: base, headers: { authorization: 'Bearer v2-token' } },
    vppHooks({ engine: gotEngine }),
  );
  const viaGot = await runWorkload(
    (step) => gotClient(step.path.slice(1), { method: step.method, json: step.json }),
    gotEngine,
    gotRegistry,
  );

  expect(viaGot.decisions).toEqual(viaAxios.decisions);
  expect(viaGot.series).toEqual(viaAxios.series);
  // The workload really exercised retries, give-ups and resolutions, so the comparison means something.
  const all = viaAxios.decisions.join('\n');
  for (const needle of [
    'retry assets_get throttled',
    'giveUp client_config_get not_retryable 9621',
    'retry status_get transient',
    'rejected VppError ERR_VPP_API',
  ]) {
    expect(all).toContain(needle);
  }
  expect(viaAxios.series.some((s) => s.includes('"error_number":"9616"'))).toBe(true);
});

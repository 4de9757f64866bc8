// CPU and wall time per request of an axios instance with and without attachVppInterceptor, in one run.
// The server runs in a child process so process.cpuUsage() measures the client side only. Rounds alternate
// (ABBA) so thermal or GC drift hits both sides alike. Run after building:
//   pnpm --filter @vppwatch/core build && pnpm --filter @vppwatch/axios-interceptor build
//   node packages/axios-interceptor/bench/overhead.mjs [--requests 5000] [--rounds 20]
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import axios from 'axios';
import { Registry } from 'prom-client';
import { attachVppInterceptor } from '../dist/index.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '20' } },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const perRound = Math.ceil(requests / rounds);

const serverSource = `
  const body = JSON.stringify({ assets: [{ adamId: '1', pricingParam: 'STDQ', assignedCount: 0 }], currentPageIndex: 0,
    size: 1, totalPages: 1, versionId: 'v1', tokenExpirationDate: '2099-01-01T00:00:00Z', uId: '1' });
  const server = require('node:http').createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); });
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startServer() {
  const child = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}

const sToken = Buffer.from(
  JSON.stringify({ token: 'bench', expDate: '2099-01-01T00:00:00-0700', orgName: 'Bench' }),
).toString('base64');

function makeClient(url) {
  return axios.create({
    baseURL: `${url}/mdm/v2`,
    headers: { Authorization: `Bearer ${sToken}` },
    httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }),
  });
}

async function round(client, count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) {
    const response = await client.get('/assets');
    if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
  }
  const wallNs = Number(process.hrtime.bigint() - start);
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, wallUs: wallNs / 1000 };
}

const server = await startServer();
try {
  const plain = makeClient(server.url);
  const intercepted = makeClient(server.url);
  // The default engine a user gets from one line, minus the proactive 15 req/s limiter (it would only measure sleeping)
  // and with metrics on a private registry (the same work as prom-client's global one).
  attachVppInterceptor(intercepted, { rateLimit: false, metrics: { registry: new Registry() } });

  await round(plain, 300);
  await round(intercepted, 300);

  const totals = { plain: { cpuUs: 0, wallUs: 0 }, intercepted: { cpuUs: 0, wallUs: 0 } };
  for (let r = 0; r < rounds; r += 1) {
    const order = r % 2 === 0 ? ['plain', 'intercepted'] : ['intercepted', 'plain'];
    for (const side of order) {
      const result = await round(side === 'plain' ? plain : intercepted, perRound);
      totals[side].cpuUs += result.cpuUs;
      totals[side].wallUs += result.wallUs;
    }
  }
  const n = perRound * rounds;
  const perRequest = (t) => ({
    cpuUsPerRequest: +(t.cpuUs / n).toFixed(2),
    wallUsPerRequest: +(t.wallUs / n).toFixed(2),
  });
  const cpuRatio = totals.intercepted.cpuUs / totals.plain.cpuUs;
  console.log(
    JSON.stringify(
      {
        requestsPerSide: n,
        rounds,
        plain: perRequest(totals.plain),
        intercepted: perRequest(totals.intercepted),
        ratio: {
          cpu: +cpuRatio.toFixed(4),
          wall: +(totals.intercepted.wallUs / totals.plain.wallUs).toFixed(4),
        },
        target: { cpu: 1.03 },
        withinTarget: cpuRatio <= 1.03,
      },
      null,
      2,
    ),
  );
} finally {
  server.close();
}

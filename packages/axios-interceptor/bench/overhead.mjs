// CPU and wall time per request of an axios instance with and without attachVppInterceptor, in one run.
// The server runs in a child process so process.cpuUsage() measures the client side only. Rounds alternate
// (ABBA) so thermal, JIT or GC drift hits both sides alike; the verdict is the median of the per-round CPU
// ratios, which one noisy round cannot move. Both sides send the same requests to the same server.
// Run after building (`pnpm build` at the root):
//   node packages/axios-interceptor/bench/overhead.mjs [--requests 20000] [--rounds 10] [--warmup 2000]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchClient, sendRequests } from './clients.mjs';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2000' },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
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

async function round(client, count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await sendRequests(client, count);
  const wallNs = Number(process.hrtime.bigint() - start);
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, userUs: used.user, wallUs: wallNs / 1000 };
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (list, q) => [...list].sort((a, b) => a - b)[Math.floor(q * (list.length - 1))];
const fixed = (value, digits = 2) => +value.toFixed(digits);

const server = await startServer();
try {
  const clients = {
    plain: benchClient(server.url, 'bare'),
    intercepted: benchClient(server.url, 'vppwatch'),
  };

  // Warm-up (JIT, sockets, caches), not counted.
  for (let done = 0; done < warmup; done += 250) {
    await round(clients.plain, 250);
    await round(clients.intercepted, 250);
  }

  const totals = {
    plain: { cpuUs: 0, userUs: 0, wallUs: 0 },
    intercepted: { cpuUs: 0, userUs: 0, wallUs: 0 },
  };
  const cpuRatios = [];
  for (let r = 0; r < rounds; r += 1) {
    const order = r % 2 === 0 ? ['plain', 'intercepted'] : ['intercepted', 'plain'];
    const cpu = {};
    for (const side of order) {
      const result = await round(clients[side], perRound);
      totals[side].cpuUs += result.cpuUs;
      totals[side].userUs += result.userUs;
      totals[side].wallUs += result.wallUs;
      cpu[side] = result.cpuUs;
    }
    cpuRatios.push(cpu.intercepted / cpu.plain);
  }
  const n = perRound * rounds;
  const perRequest = (t) => ({
    cpuUsPerRequest: fixed(t.cpuUs / n),
    userCpuUsPerRequest: fixed(t.userUs / n),
    wallUsPerRequest: fixed(t.wallUs / n),
  });
  const cpuRatio = median(cpuRatios);
  console.log(
    JSON.stringify(
      {
        requestsPerSide: n,
        rounds,
        plain: perRequest(totals.plain),
        intercepted: perRequest(totals.intercepted),
        overheadCpuUsPerRequest: fixed((totals.intercepted.cpuUs - totals.plain.cpuUs) / n),
        ratio: {
          cpu: fixed(cpuRatio, 4),
          cpuOfTotals: fixed(totals.intercepted.cpuUs / totals.plain.cpuUs, 4),
          cpuRoundsP25: fixed(quantile(cpuRatios, 0.25), 4),
          cpuRoundsP75: fixed(quantile(cpuRatios, 0.75), 4),
          // User time alone: the interceptor makes no system calls, so this is its own work, without loopback kernel time.
          userCpuOfTotals: fixed(totals.intercepted.userUs / totals.plain.userUs, 4),
          wall: fixed(totals.intercepted.wallUs / totals.plain.wallUs, 4),
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

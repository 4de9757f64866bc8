#!/usr/bin/env node
// Overhead of vppHooks on successful requests: CPU time per request (process.cpuUsage) and wall time, on
// loopback with and without the hooks, in alternating (ABBA) rounds within ONE run so both sides see the same
// machine state; the verdict is the median of the per-round CPU ratios, which one noisy round cannot move.
// Both sides send the same requests to the same server, which runs in a child process (its CPU is not counted).
//
// Needs the built packages: `pnpm build` at the root.
// Usage: node packages/got-hook/bench/overhead.mjs [--requests 20000] [--rounds 10] [--concurrency 8] [--warmup 2000]
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { benchClients, sendRequests } from './clients.mjs';

if (process.argv[2] === 'serve') {
  const body = JSON.stringify({
    assets: [{ adamId: '361309726', pricingParam: 'STDQ' }],
    currentPageIndex: 0,
  });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main() {
  const requests = option('requests', 20000);
  const rounds = option('rounds', 10);
  const concurrency = option('concurrency', 8);
  const warmup = option('warmup', 2000);
  const perRound = Math.ceil(requests / rounds);

  const child = fork(new URL(import.meta.url), ['serve'], { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const clients = benchClients(`http://127.0.0.1:${port}`, concurrency);
  const totals = {
    plain: { cpuUs: 0, userUs: 0, wallMs: 0, n: 0 },
    hooked: { cpuUs: 0, userUs: 0, wallMs: 0, n: 0 },
  };
  const cpuRatios = [];

  async function round(name, count) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await sendRequests(name === 'plain' ? clients.bare : clients.vppwatch, count, concurrency);
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { cpuUs: used.user + used.system, userUs: used.user, wallMs };
  }

  // Warm-up (JIT, sockets, caches), not counted.
  for (let done = 0; done < warmup; done += 250) {
    await round('plain', 250);
    await round('hooked', 250);
  }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['plain', 'hooked'] : ['hooked', 'plain'];
    const cpu = {};
    for (const name of order) {
      const result = await round(name, perRound);
      totals[name].cpuUs += result.cpuUs;
      totals[name].userUs += result.userUs;
      totals[name].wallMs += result.wallMs;
      totals[name].n += perRound;
      cpu[name] = result.cpuUs;
    }
    cpuRatios.push(cpu.hooked / cpu.plain);
  }
  child.disconnect();
  clients.close();

  const summary = (t) => ({
    requests: t.n,
    cpuUsPerRequest: round2(t.cpuUs / t.n),
    userCpuUsPerRequest: round2(t.userUs / t.n),
    wallMs: round2(t.wallMs),
  });
  const plain = summary(totals.plain);
  const hooked = summary(totals.hooked);
  console.log(
    JSON.stringify(
      {
        bench: 'got-hook overhead (successful requests, loopback)',
        node: process.versions.node,
        rounds,
        concurrency,
        plain,
        hooked,
        overheadCpuUsPerRequest: round2(hooked.cpuUsPerRequest - plain.cpuUsPerRequest),
        ratios: {
          cpuPerRequest: round4(median(cpuRatios)),
          cpuOfTotals: round4(hooked.cpuUsPerRequest / plain.cpuUsPerRequest),
          cpuRoundsP25: round4(quantile(cpuRatios, 0.25)),
          cpuRoundsP75: round4(quantile(cpuRatios, 0.75)),
          // User time alone: the hooks make no system calls, so this is their own work, without loopback kernel time.
          userCpuOfTotals: round4(totals.hooked.userUs / totals.plain.userUs),
          wall: round2(hooked.wallMs / plain.wallMs),
        },
        target: { cpuPerRequest: 1.03 },
        withinTarget: median(cpuRatios) <= 1.03,
      },
      null,
      2,
    ),
  );
}

function round2(value) {
  return Math.round(value * 100) / 100;
}

function round4(value) {
  return Math.round(value * 10000) / 10000;
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(list, q) {
  return [...list].sort((a, b) => a - b)[Math.floor(q * (list.length - 1))];
}

#!/usr/bin/env node
// Overhead of vppHooks on successful requests: CPU time per request (process.cpuUsage) and wall time, for
// 5,000 requests on loopback with and without the hooks, in alternating rounds within ONE run so both sides
// see the same machine state. The server runs in a child process, so its CPU is not counted.
//
// Needs the built packages: pnpm --filter @vppwatch/core build && pnpm --filter @vppwatch/got-hook build
// Usage: node packages/got-hook/bench/overhead.mjs [--requests 5000] [--rounds 10] [--concurrency 8]
import { fork } from 'node:child_process';
import { Agent, createServer } from 'node:http';
import { createVppEngine } from '@vppwatch/core';
import got from 'got';
import { vppHooks } from '../dist/index.js';

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
  const requests = option('requests', 5000);
  const rounds = option('rounds', 10);
  const concurrency = option('concurrency', 8);
  const perRound = Math.ceil(requests / rounds);

  const child = fork(new URL(import.meta.url), ['serve'], { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const prefixUrl = `http://127.0.0.1:${port}/mdm/v2/`;
  const agent = { http: new Agent({ keepAlive: true, maxSockets: concurrency }) };
  const headers = { authorization: 'Bearer bench-token' };

  // The proactive rate limit (15/s per tenant, Apple's number) would measure the limiter, not the overhead.
  const engine = createVppEngine({ rateLimit: false });
  const clients = {
    plain: got.extend({ prefixUrl, agent, headers }),
    hooked: got.extend({ prefixUrl, agent, headers }, vppHooks({ engine })),
  };
  const totals = { plain: { cpuUs: 0, wallMs: 0, n: 0 }, hooked: { cpuUs: 0, wallMs: 0, n: 0 } };

  async function round(name, count) {
    const client = clients[name];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        const response = await client.get('assets');
        if (response.statusCode !== 200) throw new Error(`unexpected status ${response.statusCode}`);
      }
    };
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { cpuUs: used.user + used.system, wallMs };
  }

  // Warm-up (JIT, sockets), not counted.
  await round('plain', 300);
  await round('hooked', 300);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['plain', 'hooked'] : ['hooked', 'plain'];
    for (const name of order) {
      const result = await round(name, perRound);
      totals[name].cpuUs += result.cpuUs;
      totals[name].wallMs += result.wallMs;
      totals[name].n += perRound;
    }
  }
  child.disconnect();
  agent.http.destroy();

  const summary = (t) => ({
    requests: t.n,
    cpuUsPerRequest: round2(t.cpuUs / t.n),
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
        ratios: {
          cpuPerRequest: round2(hooked.cpuUsPerRequest / plain.cpuUsPerRequest),
          wall: round2(hooked.wallMs / plain.wallMs),
        },
      },
      null,
      2,
    ),
  );
}

function round2(value) {
  return Math.round(value * 100) / 100;
}

// The two got clients every bench of this package compares, and the request loop they run: overhead.mjs times
// them, one-side.mjs (for bench/instructions.mjs) runs one of them alone.
import { Agent } from 'node:http';
import { createVppEngine } from '@vppwatch/core';
import got from 'got';
import { Registry } from 'prom-client';
import { vppHooks } from '../dist/index.js';

/**
 * A bare got instance and the same one extended with vppHooks, on one keep-alive agent. The engine is the
 * default one with metrics on a private prom-client Registry (the same work as the global one) and no
 * OpenTelemetry provider registered. The proactive rate limit (15/s per tenant, Apple's number) is off: it would
 * measure sleeping, not overhead, and nothing on the bare side limits either.
 * @param {string} url the server, without a path
 * @param {number} concurrency sockets of the agent
 */
export function benchClients(url, concurrency) {
  const agent = { http: new Agent({ keepAlive: true, maxSockets: concurrency }) };
  const base = { prefixUrl: `${url}/mdm/v2/`, agent, headers: { authorization: 'Bearer bench-token' } };
  const engine = createVppEngine({ rateLimit: false, metrics: { registry: new Registry() } });
  return {
    bare: got.extend(base),
    vppwatch: got.extend(base, vppHooks({ engine })),
    close: () => agent.http.destroy(),
  };
}

/**
 * Sends `count` GET requests, `concurrency` at a time; every answer must be a 200.
 * @param {import('got').Got} client @param {number} count @param {number} concurrency
 */
export async function sendRequests(client, count, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await client.get('assets');
      if (response.statusCode !== 200) throw new Error(`unexpected status ${response.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// The axios clients every bench of this package compares, and the request loop they run: overhead.mjs times
// them, one-side.mjs (for bench/instructions.mjs) runs one of them alone.
import { Agent } from 'node:http';
import axios from 'axios';
import { Registry } from 'prom-client';
import { attachVppInterceptor } from '../dist/index.js';

const sToken = Buffer.from(
  JSON.stringify({ token: 'bench', expDate: '2099-01-01T00:00:00-0700', orgName: 'Bench' }),
).toString('base64');

/**
 * An axios instance for the server at `url`, one request at a time on a keep-alive socket. With `vppwatch`, the
 * default engine a user gets from one line, with metrics on a private prom-client Registry (the same work as the
 * global one) and no OpenTelemetry provider registered. The proactive 15 req/s limiter is off, as it would only
 * measure sleeping; nothing on the bare side limits either.
 * @param {string} url the server, without a path
 * @param {'bare' | 'vppwatch'} side
 */
export function benchClient(url, side) {
  const client = axios.create({
    baseURL: `${url}/mdm/v2`,
    headers: { Authorization: `Bearer ${sToken}` },
    httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }),
  });
  if (side === 'vppwatch') {
    attachVppInterceptor(client, { rateLimit: false, metrics: { registry: new Registry() } });
  }
  return client;
}

/**
 * Sends `count` GET requests one after the other; every answer must be a 200.
 * @param {import('axios').AxiosInstance} client @param {number} count
 */
export async function sendRequests(client, count) {
  for (let i = 0; i < count; i += 1) {
    const response = await client.get('/assets');
    if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
  }
}

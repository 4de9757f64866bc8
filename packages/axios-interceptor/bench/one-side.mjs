// One side of the instruction-count bench (bench/instructions.mjs): N successful requests through a bare axios
// instance or one with attachVppInterceptor, one at a time, then exit. The same client set-up as overhead.mjs.
//   node packages/axios-interceptor/bench/one-side.mjs <bare|vppwatch> <requests> <server url>
import { Agent } from 'node:http';
import axios from 'axios';
import { Registry } from 'prom-client';
import { attachVppInterceptor } from '../dist/index.js';

const [side, count, url] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const sToken = Buffer.from(
  JSON.stringify({ token: 'bench', expDate: '2099-01-01T00:00:00-0700', orgName: 'Bench' }),
).toString('base64');
const client = axios.create({
  baseURL: `${url}/mdm/v2`,
  headers: { Authorization: `Bearer ${sToken}` },
  httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }),
});
if (side === 'vppwatch') {
  attachVppInterceptor(client, { rateLimit: false, metrics: { registry: new Registry() } });
}
for (let i = 0; i < count; i += 1) {
  const response = await client.get('/assets');
  if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
}
process.exit(0);

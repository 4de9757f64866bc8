// One side of the instruction-count bench (bench/instructions.mjs): N successful requests through a bare got
// instance or one extended with vppHooks, 8 at a time as in overhead.mjs, then exit.
//   node packages/got-hook/bench/one-side.mjs <bare|vppwatch> <requests> <server url>
import { Agent } from 'node:http';
import { createVppEngine } from '@vppwatch/core';
import got from 'got';
import { Registry } from 'prom-client';
import { vppHooks } from '../dist/index.js';

const [side, count, url] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const agent = { http: new Agent({ keepAlive: true, maxSockets: 8 }) };
const base = { prefixUrl: `${url}/mdm/v2/`, agent, headers: { authorization: 'Bearer bench-token' } };
const client =
  side === 'vppwatch'
    ? got.extend(
        base,
        vppHooks({ engine: createVppEngine({ rateLimit: false, metrics: { registry: new Registry() } }) }),
      )
    : got.extend(base);
let next = 0;
const worker = async () => {
  while (next < count) {
    next += 1;
    const response = await client.get('assets');
    if (response.statusCode !== 200) throw new Error(`unexpected status ${response.statusCode}`);
  }
};
await Promise.all(Array.from({ length: 8 }, worker));
process.exit(0);

// One side of the instruction-count bench (bench/instructions.mjs): N successful requests through the bare got
// instance or the one extended with vppHooks, 8 at a time as in overhead.mjs, then exit.
//   node packages/got-hook/bench/one-side.mjs <bare|vppwatch> <requests> <server url>
import { benchClients, sendRequests } from './clients.mjs';

const [side, count, url] = [process.argv[2], Number(process.argv[3]), process.argv[4] ?? ''];
const clients = benchClients(url, 8);
await sendRequests(side === 'vppwatch' ? clients.vppwatch : clients.bare, count, 8);
process.exit(0);

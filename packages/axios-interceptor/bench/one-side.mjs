// One side of the instruction-count bench (bench/instructions.mjs): N successful requests through a bare axios
// instance or one with attachVppInterceptor, one at a time as in overhead.mjs, then exit.
//   node packages/axios-interceptor/bench/one-side.mjs <bare|vppwatch> <requests> <server url>
import { benchClient, sendRequests } from './clients.mjs';

const [side, count, url] = [process.argv[2], Number(process.argv[3]), process.argv[4] ?? ''];
await sendRequests(benchClient(url, side === 'vppwatch' ? 'vppwatch' : 'bare'), count);
process.exit(0);

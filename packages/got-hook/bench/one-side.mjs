// One side of the instruction-count bench (bench/instructions.mjs): N successful requests through one got client,
// `concurrency` at a time (8 as in overhead.mjs unless given), then exit.
//   node packages/got-hook/bench/one-side.mjs <side> <requests> <server url> [concurrency]
// Sides: `bare`, `vppwatch` (vppHooks), and `wrapper`: the bare client with only a handler that returns its own
// promise in place of got's, with got's promise methods assigned, and nothing else. That is the least any handler
// that can change a request's outcome does; it prices got's handler contract on its own (bench/README.md).
import { benchClients, sendRequests } from './clients.mjs';

const [side, count, url] = [process.argv[2], Number(process.argv[3]), process.argv[4] ?? ''];
const concurrency = Number(process.argv[5] ?? 8);
const clients = benchClients(url, concurrency);

/** @type {import('got').HandlerFunction} */
const outcomeWrapper = (options, next) => {
  const pending = /** @type {Promise<unknown> & Record<string, unknown>} */ (next(options));
  const own = /** @type {Promise<unknown> & Record<string, unknown>} */ (pending.then((value) => value));
  for (const key of Object.keys(pending)) if (typeof pending[key] === 'function') own[key] = pending[key];
  return own;
};

const client =
  side === 'vppwatch'
    ? clients.vppwatch
    : side === 'wrapper'
      ? clients.bare.extend({ handlers: [outcomeWrapper] })
      : clients.bare;
await sendRequests(client, count, concurrency);
process.exit(0);

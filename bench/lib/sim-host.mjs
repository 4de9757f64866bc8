// Where the simulator runs. The bench runs it in a child process: sharing one event loop with the client under test
// would delay the client's reading of every 429 by the server's own work, and count that delay against the client.
// Tests run it in-process (no build needed: workspace packages resolve to their TypeScript source there).
import { fork } from 'node:child_process';
import { startSimulator } from '@vppwatch/simulator';
import { serverCounts } from './server-counts.mjs';

/**
 * @typedef {object} ThrottleSetup
 * @property {'seconds' | 'http-date' | 'none'} retryAfter
 * @property {number} perSecond
 * @property {number} burst
 * @property {number} seed
 */

/**
 * @typedef {object} SimHost
 * @property {string} url
 * @property {string} sToken  one fresh token, throttled as set up
 * @property {(graceMs: number) => Promise<import('./server-counts.mjs').ServerCounts>} counts
 * @property {() => Promise<void>} close
 */

/** @param {ThrottleSetup} setup @returns {Promise<SimHost>} */
export async function startInProcess(setup) {
  const sim = await startSimulator({ seed: setup.seed });
  const sToken = sim.token();
  sim.faults.setForToken(sToken, {
    rateLimit: { perSecond: setup.perSecond, burst: setup.burst, retryAfter: setup.retryAfter },
  });
  return {
    url: sim.url,
    sToken,
    counts: async (graceMs) => serverCounts(sim, sToken, graceMs),
    close: () => sim.close(),
  };
}

/** @param {ThrottleSetup} setup @returns {Promise<SimHost>} */
export async function startInChild(setup) {
  const child = fork(new URL('./sim-child.mjs', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  /** @param {object} message */
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const onExit = (/** @type {number | null} */ code) =>
        reject(new Error(`simulator process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (reply) => {
        child.off('exit', onExit);
        resolve(reply);
      });
      child.send(message);
    });
  const started = /** @type {{ url: string, sToken: string }} */ (await ask({ type: 'start', setup }));
  return {
    url: started.url,
    sToken: started.sToken,
    counts: async (graceMs) =>
      /** @type {import('./server-counts.mjs').ServerCounts} */ (await ask({ type: 'counts', graceMs })),
    close: async () => {
      await ask({ type: 'close' });
      child.disconnect();
    },
  };
}

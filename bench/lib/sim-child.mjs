// Child-process side of startInChild: one simulator, one throttled token, answers over IPC.
import { startInProcess } from './sim-host.mjs';

/**
 * @typedef {{ type: 'start', setup: import('./sim-host.mjs').ThrottleSetup }
 *   | { type: 'counts', graceMs: number }
 *   | { type: 'close' }} HostMessage
 */

/** @type {import('./sim-host.mjs').SimHost | undefined} */
let host;

/** @param {HostMessage} message */
async function answer(message) {
  if (message.type === 'start') {
    host = await startInProcess(message.setup);
    return { url: host.url, sToken: host.sToken };
  }
  if (message.type === 'counts') return host?.counts(message.graceMs);
  await host?.close();
  return { closed: true };
}

process.on('message', async (message) => {
  process.send?.(await answer(/** @type {HostMessage} */ (message)));
});
process.on('disconnect', () => process.exit(0));

// The client side of a bench run: N logical requests from W workers, each sending its next request when the previous
// one settles, and what became of them.

/**
 * @param {import('./strategies.mjs').BenchClient} client
 * @param {number} requests
 * @param {number} concurrency
 */
export async function drive(client, requests, concurrency) {
  let next = 0;
  let succeeded = 0;
  /** @type {Record<string, number>} */
  const giveUpKinds = {};
  const worker = async () => {
    while (next < requests) {
      next += 1;
      try {
        await client.getAssets();
        succeeded += 1;
      } catch (error) {
        const kind = describeFailure(error);
        giveUpKinds[kind] = (giveUpKinds[kind] ?? 0) + 1;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { wallMs: performance.now() - start, succeeded, giveUpKinds };
}

/** A short, secret-free name for why a logical request failed. @param {unknown} error */
function describeFailure(error) {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const e = /** @type {{ code?: unknown, response?: { status?: unknown, statusCode?: unknown } }} */ (error);
  const status = e.response?.status ?? e.response?.statusCode;
  const code = typeof e.code === 'string' ? e.code : 'error';
  return typeof status === 'number' ? `${code} ${status}` : code;
}

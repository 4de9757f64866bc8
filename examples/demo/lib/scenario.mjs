import { makeSToken, startSimulatorProcess } from '@vppwatch/simulator';

const APP = { adamId: '778658393', pricingParam: 'STDQ' };
const DAY = 86_400_000;
/** Not an Apple code: the simulator's stand-in for one Apple adds after the catalog was written. */
export const NEW_CODE = {
  errorNumber: 9730,
  errorMessage: 'A code Apple added after this catalog was written (simulated).',
};

/**
 * A bad day at Apple, on 127.0.0.1: six organizations (one token each), each with its own trouble.
 * Timed faults (a throttling squeeze, a maintenance window) are scheduled relative to the start. The simulator
 * runs in its own process, so its request log's timestamps are not delayed by the clients' busy event loop.
 */
export async function startBadDay(seed) {
  const sim = await startSimulatorProcess({ seed, eventDelayMs: 200 });
  const start = Date.now();
  const org = (orgName, expDays = 200) =>
    makeSToken({ orgName, expDate: new Date(start + expDays * DAY).toISOString() });
  const tokens = {
    northwind: org('Northwind Schools', 12), // v2, axios: throttling bursts, Retry-After in seconds; expires in 12 days
    woodgrove: org('Woodgrove Academy'), // v2, axios: 9603 flakiness
    contoso: org('Contoso District'), // v2, got: maintenance window, then throttling with Retry-After as a date
    tailspin: org('Tailspin College'), // v2, got: 503 brownouts, 9603, an HTML page from a proxy, resets
    fabrikam: org('Fabrikam Legacy'), // legacy VPP: 9616 already assigned, a partial batch, storm guard
    expired: makeSToken({ orgName: 'Expired Org', expDate: new Date(start - DAY).toISOString() }),
  };

  const steady = { perSecond: 15, burst: 15 };
  await sim.faults.setForToken(tokens.northwind, { rateLimit: { ...steady, retryAfter: 'seconds' } });
  await sim.faults.setForToken(tokens.woodgrove, {
    internalError: { probability: 0.06 },
    latency: { minMs: 2, maxMs: 25 },
  });
  await sim.faults.setForToken(tokens.contoso, {
    rateLimit: { ...steady, retryAfter: 'http-date' },
  });
  await sim.faults.setForToken(tokens.tailspin, {
    brownout: { probability: 0.04, retryAfterSeconds: 1 },
    internalError: { probability: 0.03 },
    htmlError: { probability: 0.01, status: 502 },
    connectionReset: { probability: 0.005 },
    latency: { minMs: 2, maxMs: 30 },
  });
  await sim.faults.setForToken(tokens.fabrikam, { stormGuard: { windowMs: 300_000, threshold: 4 } });
  // Apple starts using an error code this catalog has never heard of: both service configs list it, and now and
  // then one organization gets it.
  await sim.faults.set({ newErrorCode: NEW_CODE });
  await sim.faults.setForToken(tokens.tailspin, { newErrorCode: { ...NEW_CODE, probability: 0.01 } });

  // Apple squeezes two organizations below the documented 15 requests/s for a few seconds.
  const timers = [
    squeeze(sim, tokens.northwind, 'seconds', 4_000, 8_000),
    squeeze(sim, tokens.contoso, 'http-date', 12_000, 15_000),
    // Apple's maintenance (9644) for one organization, from 3 s to 7 s into the run.
    setTimeout(() => {
      const maintenance = { until: Date.now() + 4_000, retryAfterSeconds: 2 };
      sim.faults.setForToken(tokens.contoso, { maintenance }).catch(() => undefined);
    }, 3_000),
  ].flat();

  for (const token of [tokens.northwind, tokens.woodgrove, tokens.contoso, tokens.tailspin]) {
    for (let i = 0; i < 40; i++) await sim.state.addUser(token, { clientUserId: `student-${i}` });
  }
  for (let i = 0; i < 12; i++) {
    await sim.state.addUser(tokens.fabrikam, { clientUserId: `teacher-${i}` });
    // Half the teachers already hold the app: associating them again answers 9616.
    if (i < 6) await sim.state.assign(tokens.fabrikam, APP.adamId, { clientUserId: `teacher-${i}` });
  }

  return {
    sim,
    tokens,
    app: APP,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await sim.close();
    },
  };
}

function squeeze(sim, token, retryAfter, fromMs, toMs) {
  return [
    setTimeout(
      () => sim.faults.setForToken(token, { rateLimit: { perSecond: 4, burst: 2, retryAfter } }),
      fromMs,
    ),
    setTimeout(
      () => sim.faults.setForToken(token, { rateLimit: { perSecond: 15, burst: 15, retryAfter } }),
      toMs,
    ),
  ];
}

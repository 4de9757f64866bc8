import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EventStore } from './events/event-store.js';
import { Notifier } from './events/notifier.js';
import { capacityPlan } from './faults/capacity-plan.js';
import { FaultStore } from './faults/fault-store.js';
import { RateLimiter } from './faults/rate-limiter.js';
import { scenarioFaults } from './faults/scenarios.js';
import type { IncomingCall, Services } from './http/call.js';
import { classify, sTokenOf } from './http/classify.js';
import { readBody } from './http/read-body.js';
import { type Reply, v2Error } from './http/reply.js';
import { writeReply } from './http/write-reply.js';
import { legacyPipeline } from './legacy/pipeline.js';
import { StormGuard } from './legacy/storm-guard.js';
import { RequestLog } from './log/request-log.js';
import { normalizeOptions, type SimulatorOptions } from './options.js';
import type { Simulator } from './simulator.js';
import { OrgStore } from './state/org-store.js';
import { makeSToken } from './token/s-token.js';
import { tokenHash } from './token/token-hash.js';
import { createRandom, randomUuid } from './util/prng.js';
import { Timers } from './util/timers.js';
import { v2Pipeline } from './v2/pipeline.js';

const HASH = /^[0-9a-f]{16}$/;

/**
 * Start a fake Apple on 127.0.0.1. Every option is optional.
 *
 * @example
 * const sim = await startSimulator({ scenario: 'throttle', eventDelayMs: 10 });
 * const sToken = sim.token();
 * const res = await fetch(`${sim.url}/mdm/v2/assets`, { headers: { authorization: `Bearer ${sToken}` } });
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const o = normalizeOptions(options);
  const clock = o.now;
  const ids = createRandom(o.seed);
  const faultRandom = createRandom(o.seed ^ 0x9e3779b9);
  const timers = new Timers();
  const notifier = new Notifier(timers, ids, o.notificationDelayMs);
  const requests = new RequestLog();
  const resolveHash = (t: string) => (HASH.test(t) ? t : tokenHash(t));
  const faults = new FaultStore({ ...scenarioFaults(o.scenario, clock()), ...o.faults }, resolveHash, clock);
  let baseUrl = '';
  const services: Services = {
    options: o,
    orgs: new OrgStore(ids, o.assets, notifier),
    events: new EventStore(timers, ids, o.eventDelayMs),
    notifier,
    limiter: new RateLimiter(),
    chance: (p) => p > 0 && faultRandom() < p,
    random: ids,
    baseUrl: () => baseUrl,
  };
  const legacy = legacyPipeline(new StormGuard());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = clock();
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = req.method ?? 'GET';
    const { api, endpoint } = classify(url.pathname);
    let reply: Reply;
    let hash: string | null = null;
    try {
      const rawBody = await readBody(req);
      const sToken = sTokenOf(api, req.headers.authorization, rawBody);
      hash = sToken === null ? null : tokenHash(sToken);
      const call: IncomingCall = {
        method,
        endpoint,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        at,
        sToken,
        hash,
        faults: faults.effective(hash),
      };
      const latency = call.faults.latency;
      if (latency) {
        const ms =
          'fixedMs' in latency
            ? latency.fixedMs
            : latency.minMs + faultRandom() * (latency.maxMs - latency.minMs);
        await timers.sleep(ms);
      }
      if (api === 'v2') reply = await v2Pipeline(call, services);
      else if (api === 'legacy') reply = await legacy(call, services);
      else reply = { status: 404, json: { errorMessage: 'Not Found' } };
    } catch {
      // A bug in the fake must look like what it is to the client: Apple's own internal error.
      reply = v2Error(9603, 500);
    }
    const answeredAt = clock();
    if (!res.destroyed) writeReply(res, reply, answeredAt);
    requests.add({
      at,
      answeredAt,
      tokenHash: hash,
      api,
      endpoint,
      method,
      status: reply.reset ? 0 : reply.status,
      errorNumber: reply.errorNumber ?? null,
      retryAfterMs: reply.retryAfterMs ?? null,
      windowEndsAt: reply.windowEndsAt ?? null,
      fault: reply.fault ?? null,
    });
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    port,
    requests,
    faults,
    state: services.orgs,
    token: (opts = {}) =>
      makeSToken({ expDate: clock() + 365 * 24 * 3600 * 1000, token: randomUuid(ids), ...opts }),
    tokenHash,
    capacity: (sTokenOrHash) => {
      const hash = resolveHash(sTokenOrHash);
      const plan = capacityPlan(faults.effective(hash));
      return plan === null ? null : services.limiter.snapshot(hash, plan, clock());
    },
    close: () =>
      new Promise<void>((resolve) => {
        timers.close();
        notifier.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { type Simulator, startSimulator } from '@vppwatch/simulator';
import type { BeforeRequestHook } from 'got';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fastEngine } from '../test-support/engine.js';
import { got } from '../test-support/got.js';
import { vppHooks } from '../vpp-hooks.js';
import { vppLegacyPagination } from './legacy-pagination.js';
import { vppPagination } from './v2-pagination.js';

let sim: Simulator;
let sToken: string;
const sent: string[] = [];
const recordPage: BeforeRequestHook = (options) => {
  const url = options.url instanceof URL ? options.url : new URL(String(options.url));
  const body = typeof options.body === 'string' ? (JSON.parse(options.body) as { batchToken?: string }) : {};
  sent.push(url.searchParams.get('pageIndex') ?? body.batchToken ?? 'first');
};

beforeEach(async () => {
  sent.length = 0;
  sim = await startSimulator({ seed: 21, pageSize: 2, legacyBatchSize: 2 });
  sToken = sim.token();
  const legacy = got.extend({ prefixUrl: `${sim.url}/mdm/`, method: 'POST' });
  for (const id of ['u1', 'u2', 'u3', 'u4', 'u5']) {
    await legacy('registerVPPUserSrv', { json: { sToken, clientUserIdStr: id } });
  }
  sim.requests.clear();
});
afterEach(async () => sim.close());

/** Fails the next `count` requests with 9603, from the moment it is called. */
function failNext(count: number, engine: ReturnType<typeof fastEngine>) {
  sim.faults.set({ internalError: { probability: 1 } });
  let retries = 0;
  engine.on('retry', () => {
    retries += 1;
    if (retries === count) sim.faults.set({ internalError: false });
  });
}

function v2Client(engine: ReturnType<typeof fastEngine>) {
  return got.extend(
    {
      prefixUrl: `${sim.url}/mdm/v2/`,
      headers: { authorization: `Bearer ${sToken}` },
      hooks: { beforeRequest: [recordPage] },
    },
    vppHooks({ engine }),
  );
}

it('walks v2 users page by page, retrying a failed page in place', async () => {
  const engine = fastEngine();
  const client = v2Client(engine);
  const ids: string[] = [];
  for await (const user of client.paginate<{ clientUserId: string }>('users', {
    pagination: vppPagination('users'),
  })) {
    ids.push(user.clientUserId);
    if (ids.length === 2) failNext(1, engine);
  }
  expect(ids).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  expect(sent).toEqual(['first', '1', '1', '2']);
  expect(sim.requests.all().map((r) => r.status)).toEqual([200, 500, 200, 200]);
});

it('walks v2 assets through a throttled page, honouring its Retry-After', async () => {
  const client = v2Client(fastEngine());
  sim.faults.set({ rateLimit: { perSecond: 1, burst: 1, retryAfter: 'seconds' } });
  const assets = await client.paginate.all<{ adamId: string }>('assets', {
    pagination: vppPagination('assets'),
  });
  expect(assets.map((a) => a.adamId)).toEqual(['361309726', '778658393', '1091189122']);
  expect(sent).toEqual(['first', '1', '1']);
  expect(sim.requests.violations(sim.tokenHash(sToken))).toEqual([]);
});

it('walks a legacy batch listing, resending the same batchToken after a 9603 (HTTP 200)', async () => {
  const engine = fastEngine();
  const legacy = got.extend(
    { prefixUrl: `${sim.url}/mdm/`, method: 'POST', hooks: { beforeRequest: [recordPage] } },
    vppHooks({ engine }),
  );
  const ids: string[] = [];
  for await (const user of legacy.paginate<{ clientUserIdStr: string }>('getVPPUsersSrv', {
    json: { sToken },
    pagination: vppLegacyPagination('users'),
  })) {
    ids.push(user.clientUserIdStr);
    if (ids.length === 2) failNext(2, engine);
  }
  expect(ids).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  const [first, second, retried, again, third] = sent;
  expect(first).toBe('first');
  expect([retried, again]).toEqual([second, second]);
  expect(third).not.toBe(second);
  expect(sim.requests.all().map((r) => r.errorNumber ?? 0)).toEqual([0, 9603, 9603, 0, 0]);
});

import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import {
  createVppEngine,
  getDecodedOutcome,
  isVppError,
  type VppEngine,
  type VppError,
} from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import {
  type ScriptedServer,
  type Simulator,
  startScriptedServer,
  startSimulator,
} from '@vppwatch/simulator';
import axios from 'axios';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';

// What Apple's and Reincubate's documents say, carried out the same way by both adapters: each scenario runs
// through axios and through got, against the simulator or a scripted server on 127.0.0.1.
const got = (
  Number(process.versions.node.split('.')[0]) >= 22
    ? (await import('got16')).default
    : (await import('got')).default
) as typeof import('got').default;

/** One POST with a JSON body through an adapter; resolves with the response, whatever the client calls it. */
type Post = (path: string, json: object, headers?: Record<string, string>) => Promise<unknown>;

const ADAPTERS: Record<'axios' | 'got', (baseUrl: string, engine: VppEngine) => Post> = {
  axios: (baseUrl, engine) => {
    const client = axios.create({ baseURL: baseUrl });
    attachVppInterceptor(client, { engine });
    return (path, json, headers) => client.post(path, json, { headers });
  },
  got: (baseUrl, engine) => {
    const client = got.extend({ prefixUrl: baseUrl }, vppHooks({ engine }));
    return (path, json, headers) => client.post(path.replace(/^\//, ''), { json, headers });
  },
};

let sim: Simulator | undefined;
let server: ScriptedServer | undefined;
afterEach(async () => {
  await sim?.close();
  await server?.close();
  sim = undefined;
  server = undefined;
});

function observedEngine() {
  const registry = new Registry();
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const engine = createVppEngine({ rateLimit: false, metrics: { registry }, tracing: { tracerProvider } });
  return { engine, registry, exporter };
}

async function rejection(call: Promise<unknown>): Promise<VppError> {
  const outcome = await call.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isVppError(outcome)) throw outcome;
  return outcome;
}

const ADAM = '361309726';
const EMAIL = 'holder.person@example.edu';
const HOLDER = 'cuid-holder-5550123';
const ASKER = 'cuid-asker-5550456';
const ACCOUNT = 'shared-account-hash';

describe.each(Object.keys(ADAPTERS) as (keyof typeof ADAPTERS)[])(
  '9616 through %s, against the simulator',
  (adapter) => {
    async function setup() {
      sim = await startSimulator({ seed: 14 });
      const sToken = sim.token();
      sim.state.addUser(sToken, { clientUserId: HOLDER, email: EMAIL, itsIdHash: ACCOUNT });
      sim.state.addUser(sToken, { clientUserId: ASKER, itsIdHash: ACCOUNT });
      sim.state.assign(sToken, ADAM, { clientUserId: HOLDER });
      const observed = observedEngine();
      const post = ADAPTERS[adapter](`${sim.url}/mdm`, observed.engine);
      const manage = (clientUserId: string) =>
        post('/manageVPPLicensesByAdamIdSrv', {
          sToken,
          adamIdStr: ADAM,
          pricingParam: 'STDQ',
          associateClientUserIdStrs: [clientUserId],
        });
      return { ...observed, manage, sToken };
    }

    // 000_1ba4363d19d7a289.txt: "In these cases, the VPP user specified by the user ID or the clientUserIdStr does
    // not have the item, but some other users in the organization associated with the same iTunes Store account have
    // the item."
    it('only regUsersAlreadyAssigned: rejects after 1 request with a state VppError naming the other users by id', async () => {
      const { manage, registry, exporter, sToken } = await setup();
      const error = await rejection(manage(ASKER));

      expect(sim?.requests.all()).toHaveLength(1);
      expect(error.code).toBe('ERR_VPP_API');
      expect(error.errorNumber).toBe(9616);
      expect(error.retryClass).toBe('state');
      expect(error.reason).toBe('not_retryable');
      expect(error.failure?.variant).toBe('other-users-hold-item');
      const holder = sim?.state.org(sToken)?.users.find((u) => u.clientUserId === HOLDER);
      // The ids are personal data: a logged error leaves them out, and unredacted() hands them over on purpose.
      expect(error.failure?.alreadyAssigned).toBeUndefined();
      expect(error.unredacted().failures[0]?.alreadyAssigned?.otherUsers).toEqual([
        { userId: String(holder?.userId), clientUserId: HOLDER },
      ]);

      const spans = exporter.getFinishedSpans();
      expect(spans.length).toBeGreaterThan(0);
      const telemetry = [
        await registry.metrics(),
        JSON.stringify(spans.map((s) => ({ a: s.attributes, e: s.events, n: s.name, s: s.status }))),
        error.message,
        JSON.stringify(error),
        String(error),
      ].join('\n');
      expect(telemetry).toContain('9616');
      expect(telemetry).toContain('state');
      for (const personal of [EMAIL, HOLDER, ASKER, ACCOUNT]) expect(telemetry).not.toContain(personal);
    });

    // 000_1ba4363d19d7a289.txt: "When that happens, the 9616 error is accompanied by a licenseAlreadyAssigned entry
    // with details about the user and the license." … "in which case there’s no need to retry the assignment."
    it('licenseAlreadyAssigned: resolves after 1 request as idempotent_ok', async () => {
      const { manage } = await setup();
      const response = await manage(HOLDER);
      expect(getDecodedOutcome(response)?.retryClass).toBe('idempotent_ok');
      expect(getDecodedOutcome(response)?.failures[0]?.alreadyAssigned?.licenseAlreadyAssigned).toBeDefined();
      expect(sim?.requests.all()).toHaveLength(1);
    });
  },
);

describe.each(Object.keys(ADAPTERS) as (keyof typeof ADAPTERS)[])(
  'riCloud code-rate-limited through %s',
  (adapter) => {
    // 004_c44bd972831b499b.txt: "The user has attempted to create a session using an invalid code to often and has
    // been rate-limited by the service. We recommend the user wait at least an hour before retrying."
    it.each([429, 400, 200])(
      'HTTP %i: 1 request, a typed VppError, retryAt at least an hour ahead',
      async (status) => {
        server = await startScriptedServer([
          { status, body: { error: 'code-rate-limited', message: 'Too many invalid codes.' } },
          { status: 200, body: { id: 'sess-1', state: 'active' } },
        ]);
        const { engine } = observedEngine();
        const post = ADAPTERS[adapter](server.url, engine);
        const before = Date.now();

        const error = await rejection(
          post('/v1/sessions', { code: '000000' }, { authorization: 'Token riCloud-test-key' }),
        );

        expect(server.requests).toHaveLength(1);
        expect(error.code).toBe('ERR_VPP_API');
        expect(error.errorNumber).toBe('code-rate-limited');
        expect(error.retryClass).toBe('state');
        expect(error.reason).toBe('not_retryable');
        expect(error.retryAt).toBeGreaterThanOrEqual(before + 3_600_000);
        expect(error.retryInfo?.attempts).toBe(1);
      },
    );
  },
);

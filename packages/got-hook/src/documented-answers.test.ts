import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { getDecodedOutcome, isVppError, type VppError } from '@vppwatch/core';
import {
  type ScriptedServer,
  type Simulator,
  startScriptedServer,
  startSimulator,
} from '@vppwatch/simulator';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { fastEngine } from './test-support/engine.js';
import { got } from './test-support/got.js';
import { vppHooks } from './vpp-hooks.js';

let sim: Simulator | undefined;
let server: ScriptedServer | undefined;
afterEach(async () => {
  await sim?.close();
  await server?.close();
  sim = undefined;
  server = undefined;
});

const ADAM = '361309726';
const EMAIL = 'holder.person@example.edu';
const HOLDER = 'cuid-holder-5550123';

async function rejection(call: Promise<unknown>): Promise<VppError> {
  const outcome = await call.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isVppError(outcome)) throw outcome;
  return outcome;
}

describe('9616 through got, against the simulator', () => {
  async function setup() {
    sim = await startSimulator({ seed: 14 });
    const sToken = sim.token();
    sim.state.addUser(sToken, { clientUserId: HOLDER, email: EMAIL, itsIdHash: 'shared-account' });
    sim.state.addUser(sToken, { clientUserId: 'cuid-asker', itsIdHash: 'shared-account' });
    sim.state.assign(sToken, ADAM, { clientUserId: HOLDER });
    const registry = new Registry();
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const engine = fastEngine({ metrics: { registry }, tracing: { tracerProvider } });
    const legacy = got.extend({ prefixUrl: `${sim.url}/mdm/`, method: 'POST' }, vppHooks({ engine }));
    const manage = (clientUserId: string) =>
      legacy('manageVPPLicensesByAdamIdSrv', {
        json: { sToken, adamIdStr: ADAM, pricingParam: 'STDQ', associateClientUserIdStrs: [clientUserId] },
      });
    return { manage, registry, exporter, sToken };
  }

  // 000_1ba4363d19d7a289.txt: "In these cases, the VPP user specified by the user ID or the clientUserIdStr does
  // not have the item, but some other users in the organization associated with the same iTunes Store account have
  // the item."
  it('only regUsersAlreadyAssigned: rejects after 1 request with a state VppError naming the other users by id', async () => {
    const { manage, registry, exporter, sToken } = await setup();
    const error = await rejection(manage('cuid-asker'));

    expect(sim?.requests.all()).toHaveLength(1);
    expect(error.code).toBe('ERR_VPP_API');
    expect(error.errorNumber).toBe(9616);
    expect(error.retryClass).toBe('state');
    expect(error.reason).toBe('not_retryable');
    expect(error.failure?.variant).toBe('other-users-hold-item');
    const holder = sim?.state.org(sToken)?.users.find((u) => u.clientUserId === HOLDER);
    expect(error.failure?.alreadyAssigned?.otherUsers).toEqual([
      { userId: String(holder?.userId), clientUserId: HOLDER },
    ]);

    const telemetry = [
      await registry.metrics(),
      JSON.stringify(exporter.getFinishedSpans().map((s) => ({ a: s.attributes, e: s.events, n: s.name }))),
      error.message,
      JSON.stringify(error),
      String(error),
    ].join('\n');
    expect(telemetry).toContain('9616');
    expect(telemetry).toContain('state');
    for (const personal of [EMAIL, HOLDER, 'shared-account']) expect(telemetry).not.toContain(personal);
  });

  // 000_1ba4363d19d7a289.txt: "When that happens, the 9616 error is accompanied by a licenseAlreadyAssigned entry
  // with details about the user and the license." … "in which case there’s no need to retry the assignment."
  it('licenseAlreadyAssigned: resolves after 1 request as idempotent_ok', async () => {
    const { manage } = await setup();
    const response = await manage(HOLDER);
    expect(JSON.parse(String(response.body))).toHaveProperty('licenseAlreadyAssigned');
    expect(getDecodedOutcome(response)?.retryClass).toBe('idempotent_ok');
    expect(sim?.requests.all()).toHaveLength(1);
  });
});

describe('riCloud code-rate-limited through got', () => {
  // 004_c44bd972831b499b.txt: "We recommend the user wait at least an hour before retrying."
  it.each([429, 400])(
    'HTTP %i: 1 request, a typed VppError, retryAt at least an hour ahead',
    async (status) => {
      server = await startScriptedServer([
        { status, body: { error: 'code-rate-limited', message: 'Too many invalid codes.' } },
        { status: 200, body: { id: 'sess-1', state: 'active' } },
      ]);
      const client = got.extend({ prefixUrl: server.url }, vppHooks({ engine: fastEngine() }));
      const before = Date.now();

      const error = await rejection(
        client.post('v1/sessions', {
          json: { code: '000000' },
          headers: { authorization: 'Token riCloud-test-key' },
        }),
      );

      expect(server.requests).toHaveLength(1);
      expect(error.code).toBe('ERR_VPP_API');
      expect(error.errorNumber).toBe('code-rate-limited');
      expect(error.retryClass).toBe('state');
      expect(error.retryAt).toBeGreaterThanOrEqual(before + 3_600_000);
      expect(error.retryInfo?.attempts).toBe(1);
    },
  );
});

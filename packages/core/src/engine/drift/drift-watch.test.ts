import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { isVppError, type VppError } from '../../errors/vpp-error.js';
import type { RequestDescriptor } from '../call/types.js';
import { createVppEngine, type VppEngineInstance } from '../create-engine.js';
import type { VppEngineOptions } from '../options.js';
import { type FetchResult, fetchTransport } from '../test-support/fetch-transport.js';
import { type ScriptedReply, startScriptedServer } from '../test-support/scripted-server.js';
import type { CatalogDriftEvent } from './drift-watch.js';
import { MAX_REPORTED_DIFFERENCES } from './drift-watch.js';
import { MAX_LEARNED_CODES } from './learned-codes.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const bearer = { authorization: 'Bearer c2VjcmV0LXRva2Vu' };
const FUTURE = { errorNumber: 9990, errorMessage: 'A code from the future.' };
const REWORDED = {
  errorNumber: 9701,
  errorMessage: 'Max clientUserIds limit on request has been passed, please stay within given limit.',
};
const v2Config = (errorCodes: unknown) => ({ errorCodes, limits: { maxRequestPerSecond: 15 }, urls: {} });

/** A real HTTP Apple: service config from `config`, every other path answers 400 with `error` (9990). */
async function appleServing(config: () => ScriptedReply, error: unknown = FUTURE) {
  const server = await startScriptedServer((_, request) =>
    /service\/config|VPPServiceConfigSrv/.test(request.url) ? config() : { status: 400, body: error },
  );
  servers.push(server);
  return server;
}

function setUp(options: VppEngineOptions = {}) {
  const registry = new Registry();
  const warnings: string[] = [];
  const events: CatalogDriftEvent[] = [];
  const engine = createVppEngine({
    tracing: false,
    rateLimit: false,
    metrics: { registry },
    logger: { warn: (message) => warnings.push(message) },
    listeners: { catalogDrift: (event) => events.push(event) },
    ...options,
  });
  return { engine, registry, warnings, events };
}

async function call(engine: VppEngineInstance, url: string, method = 'GET'): Promise<unknown> {
  const request: RequestDescriptor = {
    method,
    url,
    headers: bearer,
    ...(method === 'POST' ? { body: {} } : {}),
  };
  return engine.execute(request, fetchTransport(request)).catch((error: unknown) => error);
}

async function associateError(engine: VppEngineInstance, url: string): Promise<VppError> {
  const error = await call(engine, url, 'POST');
  if (!isVppError(error)) throw new Error(`expected a VppError, got ${String(error)}`);
  return error;
}

async function driftSeries(registry: Registry) {
  const metric = await registry.getSingleMetric('apple_vpp_catalog_drift_total')?.get();
  return (metric?.values ?? []).map((v) => ({ ...v.labels, value: v.value }));
}

describe("an engine reading Apple's live error list", () => {
  it('decodes a code the catalog lacks once a service config listed it, and counts and logs the drift once', async () => {
    const server = await appleServing(() => ({
      status: 200,
      body: v2Config([{ errorNumber: 9601, errorMessage: 'Login required.' }, FUTURE, REWORDED]),
    }));
    const { engine, registry, warnings, events } = setUp();
    const associate = server.url('/mdm/v2/assets/associate');

    const before = await associateError(engine, associate);
    // Unknown to the catalog and not yet listed by Apple: the error shows the closed-set 'other'.
    expect(before.failure).toMatchObject({ code: 'other', known: false, retryClass: 'client_fatal' });
    expect(before.unredacted().failures[0]?.code).toBe(9990);
    expect(before.failure?.learned).toBeUndefined();
    expect(before.failure?.message).toBe('Unrecognized error code (HTTP 400).');

    for (let i = 0; i < 3; i++)
      expect((await call(engine, server.url('/mdm/v2/service/config'))) as object).toMatchObject({
        status: 200,
      });

    const after = await associateError(engine, associate);
    expect(after.failure).toMatchObject({
      code: 9990,
      known: true,
      learned: true,
      message: 'A code from the future.',
      retryClass: 'client_fatal', // the HTTP status still decides the class
    });
    expect(after.message).toContain('error 9990');
    expect(after.retryInfo?.attempts).toBe(1);

    expect(await driftSeries(registry)).toEqual([
      { api: 'v2', kind: 'missing', error_number: 'other', value: 1 },
      { api: 'v2', kind: 'wording', error_number: '9701', value: 1 },
    ]);
    expect(events).toEqual([
      {
        operation: 'service_config',
        api: 'v2',
        missing: [FUTURE],
        wording: [
          {
            errorNumber: 9701,
            appleMessage: REWORDED.errorMessage,
            catalogMessage: expect.stringContaining('exceeds the maximum clientUserIds limit'),
          },
        ],
        learned: 1,
      },
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('error 9990');
    expect(warnings[0]).toContain('"A code from the future."');
    expect(warnings[1]).toContain('error 9701');

    // A learned code never becomes a metric label: the API error is counted under `other`.
    const apiErrors = await registry.getSingleMetric('apple_vpp_api_errors_total')?.get();
    expect(apiErrors?.values.map((v) => v.labels.error_number)).toEqual(['other']);
  });

  it('keeps what it learns to itself: another engine still does not know the code', async () => {
    const server = await appleServing(() => ({ status: 200, body: v2Config([FUTURE]) }));
    const taught = setUp();
    const other = setUp();
    await call(taught.engine, server.url('/mdm/v2/service/config'));
    const associate = server.url('/mdm/v2/assets/associate');
    expect((await associateError(taught.engine, associate)).failure?.learned).toBe(true);
    expect((await associateError(other.engine, associate)).failure).toMatchObject({ known: false });
    expect(other.events).toEqual([]);
  });

  it('learns from legacy VPPServiceConfigSrv too, and options.classify gives a learned code its class', async () => {
    const server = await appleServing(() => ({
      status: 200,
      body: { status: 0, clientConfigSrvUrl: 'x', errorCodes: [FUTURE] },
    }));
    const { engine, events } = setUp({ classify: { 9990: 'transient' }, baseDelayMs: { transient: 1 } });
    await call(engine, server.url('/mdm/VPPServiceConfigSrv'), 'POST');
    expect(events.map((e) => [e.operation, e.api, e.missing])).toEqual([
      ['VPPServiceConfigSrv', 'legacy', [FUTURE]],
    ]);
    const error = await associateError(engine, server.url('/mdm/v2/assets/associate'));
    // Classed transient by the caller, and a code Apple lists is an answer Apple defined: the POST is resent.
    expect(error.failure?.learned).toBe(true);
    expect(error.retryInfo).toMatchObject({
      attempts: 4,
      retryReasons: ['transient', 'transient', 'transient'],
    });
    expect(server.seen.filter((r) => r.url.endsWith('associate'))).toHaveLength(4);
  });

  it('logs through process warnings by default, and not at all with logger: false', async () => {
    const server = await appleServing(() => ({ status: 200, body: v2Config([FUTURE]) }));
    const seen: Error[] = [];
    const onWarning = (warning: Error) => seen.push(warning);
    process.on('warning', onWarning);
    try {
      await call(setUp({ logger: undefined }).engine, server.url('/mdm/v2/service/config'));
      await call(setUp({ logger: false }).engine, server.url('/mdm/v2/service/config'));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(seen.map((w) => [w.name, w.message.includes('error 9990')])).toEqual([['VppCatalogDrift', true]]);
  });

  it('rejects a logger without warn() with a typed error', () => {
    expect(() => createVppEngine({ logger: {} as never, metrics: false })).toThrow(
      expect.objectContaining({ code: 'ERR_VPP_INVALID_ARGUMENT' }),
    );
  });
});

describe('a malformed errorCodes never breaks the call it came with', () => {
  const malformed: [string, unknown][] = [
    ['not an array', v2Config({ errorNumber: 9990 })],
    ['a string', v2Config('9990')],
    [
      'numbers as strings',
      v2Config([{ errorNumber: '9990', errorMessage: 'A code from the future.' }, { errorNumber: 'x' }]),
    ],
    [
      'entries of every type',
      v2Config([null, 1, 'a', [], { errorNumber: {} }, { errorMessage: 'no number' }]),
    ],
  ];

  it.each(malformed)('%s: the service config call resolves with its body', async (_, body) => {
    const server = await appleServing(() => ({ status: 200, body }));
    const { engine } = setUp();
    const response = (await call(engine, server.url('/mdm/v2/service/config'))) as {
      status: number;
      body: string;
    };
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual(body);
  });

  it('numbers as strings are read as numbers', async () => {
    const server = await appleServing(() => ({ status: 200, body: malformed[2]?.[1] }));
    const { engine, events } = setUp();
    await call(engine, server.url('/mdm/v2/service/config'));
    expect(events[0]?.missing).toEqual([FUTURE]);
  });

  it('10,000 invented codes as text (over 256 KB): the call resolves and nothing is read', async () => {
    const errorCodes = Array.from({ length: 10_000 }, (_, i) => ({
      errorNumber: 100_000 + i,
      errorMessage: `e${i}`,
    }));
    const server = await appleServing(() => ({ status: 200, body: v2Config(errorCodes) }));
    const { engine, events, warnings } = setUp();
    const response = (await call(engine, server.url('/mdm/v2/service/config'))) as { status: number };
    expect(response.status).toBe(200);
    expect([events, warnings]).toEqual([[], []]);
  });

  it('10,000 invented codes parsed (as axios hands them over): learning and reporting stop at their caps, a second flood adds nothing', async () => {
    let round = 0;
    const flood = () => {
      const base = 100_000 + round++ * 10_000;
      return Array.from({ length: 10_000 }, (_, i) => ({ errorNumber: base + i, errorMessage: `e${i}` }));
    };
    const server = await appleServing(() => ({ status: 200, body: v2Config(flood()) }));
    const logger = {
      warnings: 0,
      warn() {
        this.warnings++;
      },
    };
    const { engine, registry, events } = setUp({ logger });
    for (let i = 0; i < 2; i++) {
      const request: RequestDescriptor = {
        method: 'GET',
        url: server.url('/mdm/v2/service/config'),
        headers: {},
      };
      const fetched = fetchTransport(request);
      const parsing = {
        ...fetched,
        read: (r: FetchResult) => ({ ...r, body: JSON.parse(r.body) as unknown }),
      };
      const response = await engine.execute(request, parsing);
      expect(response.status).toBe(200);
    }
    expect(events).toHaveLength(1);
    expect(events[0]?.learned).toBe(MAX_LEARNED_CODES);
    expect(await driftSeries(registry)).toEqual([
      { api: 'v2', kind: 'missing', error_number: 'other', value: MAX_REPORTED_DIFFERENCES },
    ]);
    expect(logger.warnings).toBe(MAX_REPORTED_DIFFERENCES + 1); // one line per code, then one saying it stops
    // Learned: the first codes of the first flood; a code of the second flood stays unknown.
    const first = await appleServing(() => ({ status: 500 }), { errorNumber: 100_000, errorMessage: 'x' });
    const second = await appleServing(() => ({ status: 500 }), { errorNumber: 110_000, errorMessage: 'x' });
    expect((await associateError(engine, first.url('/mdm/v2/assets/associate'))).failure?.message).toBe('e0');
    expect((await associateError(engine, second.url('/mdm/v2/assets/associate'))).failure?.known).toBe(false);
  });
});

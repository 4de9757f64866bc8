import { createVppEngine, isVppError } from '@vppwatch/core';
import { type Simulator, startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor } from './index.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ADDED = { errorNumber: 9990, errorMessage: 'A code from the future.' };

async function setUp() {
  sim = await startSimulator({ seed: 17, faults: { newErrorCode: ADDED } });
  const registry = new Registry();
  const warnings: string[] = [];
  const engine = createVppEngine({
    metrics: { registry },
    tracing: false,
    logger: { warn: (message) => warnings.push(message) },
  });
  const sToken = sim.token();
  const v2 = axios.create({ baseURL: `${sim.url}/mdm/v2`, headers: { Authorization: `Bearer ${sToken}` } });
  const legacy = axios.create({ baseURL: `${sim.url}/mdm` });
  attachVppInterceptor(v2, { engine });
  attachVppInterceptor(legacy, { engine });
  const drift = async () =>
    ((await registry.getSingleMetric('apple_vpp_catalog_drift_total')?.get())?.values ?? []).map((v) => ({
      ...v.labels,
      value: v.value,
    }));
  return { sim, sToken, engine, v2, legacy, warnings, drift, registry };
}

describe('axios against the simulator: a code Apple adds to its error list', () => {
  it('is decoded with Apple’s text once service/config listed it, counted and logged once', async () => {
    const { sim, v2, legacy, warnings, drift, engine, registry } = await setUp();
    const events: unknown[] = [];
    engine.on('catalogDrift', (event) => events.push(event));

    const config = await v2.get('/service/config');
    expect(config.data.errorCodes).toContainEqual(ADDED);
    await v2.get('/service/config');
    await legacy.post('/VPPServiceConfigSrv', {}); // the legacy list names it too: a new (api) series, still once

    sim.faults.set({ newErrorCode: { ...ADDED, probability: 1 } });
    const error = await v2.get('/assets').catch((e: unknown) => e);
    if (!isVppError(error)) throw new Error('expected a VppError');
    expect(error.failure).toMatchObject({
      code: 9990,
      known: true,
      learned: true,
      message: 'A code from the future.',
      httpStatus: 400,
      retryClass: 'client_fatal',
    });
    expect(error.retryInfo?.attempts).toBe(1);

    expect(await drift()).toEqual([
      { api: 'v2', kind: 'missing', error_number: 'other', value: 1 },
      // Each engine reports a code once, whichever endpoint listed it first.
    ]);
    expect(events).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('error 9990');
    const apiErrors = await registry.getSingleMetric('apple_vpp_api_errors_total')?.get();
    expect(apiErrors?.values.map((v) => v.labels.error_number)).toEqual(['other']);
    expect(sim.requests.all().filter((r) => r.fault === 'new-code')).toHaveLength(1);
  });

  it('an errorCodes entry with its number as a string leaves the call intact and is read as a number', async () => {
    const { sim, v2, drift } = await setUp();
    sim.faults.set({ newErrorCode: { ...ADDED, errorNumber: '9990' as unknown as number } });
    const config = await v2.get('/service/config');
    expect(config.status).toBe(200);
    expect(config.data.errorCodes).toContainEqual({ ...ADDED, errorNumber: '9990' });
    expect(await drift()).toEqual([{ api: 'v2', kind: 'missing', error_number: 'other', value: 1 }]);
  });
});

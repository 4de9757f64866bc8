import { createVppEngine, isVppError } from '@vppwatch/core';
import { type Simulator, startSimulator } from '@vppwatch/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { got } from './test-support/got.js';
import { vppHooks } from './vpp-hooks.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ADDED = { errorNumber: 9990, errorMessage: 'A code from the future.' };

describe('got against the simulator: a code Apple adds to its legacy error list', () => {
  it('is decoded with Apple’s text after VPPServiceConfigSrv listed it; on HTTP 200 its class is unknown', async () => {
    sim = await startSimulator({ seed: 17, faults: { newErrorCode: ADDED } });
    const warnings: string[] = [];
    const engine = createVppEngine({
      metrics: false,
      tracing: false,
      logger: { warn: (message) => warnings.push(message) },
    });
    const legacy = got.extend({ prefixUrl: `${sim.url}/mdm/`, method: 'POST' }, vppHooks({ engine }));
    const sToken = sim.token();

    const config = await legacy('VPPServiceConfigSrv', { json: {} }).json<{ errorCodes: unknown[] }>();
    expect(config.errorCodes).toContainEqual(ADDED);

    sim.faults.set({ newErrorCode: { ...ADDED, probability: 1 } });
    const error = await legacy('getVPPAssetsSrv', { json: { sToken } }).catch((e: unknown) => e);
    if (!isVppError(error)) throw new Error('expected a VppError');
    expect(error.failure).toMatchObject({
      code: 9990,
      learned: true,
      message: 'A code from the future.',
      httpStatus: 200,
      retryClass: 'unknown',
    });
    expect(error.retryInfo?.attempts).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(error)).not.toContain(sToken);
  });
});

import { describe, expect, it } from 'vitest';
import { legacy, simulator, v2 } from '../test-support/harness.js';

const ADDED = { errorNumber: 9990, errorMessage: 'A code from the future.' };

describe('a newly added Apple error code', () => {
  it("is listed in both service configs in Apple's {errorNumber, errorMessage} shape, once", async () => {
    const sim = await simulator({ faults: { newErrorCode: ADDED } });
    const config = await v2(sim, 'service/config');
    const codes = config.body.errorCodes as { errorNumber: number; errorMessage: string }[];
    expect(codes.at(-1)).toEqual(ADDED);
    expect(codes.filter((c) => c.errorNumber === 9990)).toHaveLength(1);
    for (const c of codes) expect(Object.keys(c).sort()).toEqual(['errorMessage', 'errorNumber']);
    const old = await legacy(sim, 'VPPServiceConfigSrv', {});
    expect((old.body.errorCodes as unknown[]).at(-1)).toEqual(ADDED);
    // probability 0 (the default): calls are not answered with it.
    expect((await v2(sim, 'assets', { token: sim.token() })).status).toBe(200);
  });

  it('answers calls with it: v2 with its HTTP status, legacy with HTTP 200 status -1; logged as a fault', async () => {
    const sim = await simulator({ faults: { newErrorCode: { ...ADDED, probability: 1, status: 409 } } });
    const token = sim.token();
    const res = await v2(sim, 'assets', { token });
    expect([res.status, res.body]).toEqual([409, ADDED]);
    const old = await legacy(sim, 'getVPPAssetsSrv', { sToken: token });
    expect([old.status, old.body]).toEqual([200, { ...ADDED, status: -1 }]);
    expect(sim.requests.all().map((r) => [r.fault, r.errorNumber])).toEqual([
      ['new-code', 9990],
      ['new-code', 9990],
    ]);
    // The service configs themselves still answer.
    expect((await v2(sim, 'service/config')).status).toBe(200);
  });
});

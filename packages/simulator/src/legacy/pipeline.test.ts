import { lookupCode } from '@vppwatch/core';
import { describe, expect, it } from 'vitest';
import { legacy, simulator } from '../test-support/harness.js';
import { makeSToken } from '../token/s-token.js';

describe('legacy request handling', () => {
  it('answers an expired token with HTTP 200, status -1 and 9621', async () => {
    const sim = await simulator();
    const sToken = makeSToken({ expDate: '2014-08-15T18:13:52-0700' });
    const res = await legacy(sim, 'getVPPAssetsSrv', { sToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ errorNumber: 9621, errorMessage: lookupCode(9621)?.message, status: -1 });
  });

  it.each([
    ['a token that does not decode', { sToken: 'garbage!' }, 9622],
    ['a missing sToken', {}, 9600],
  ])('answers %s with HTTP 200 and %s', async (_name, body, code) => {
    const sim = await simulator();
    const res = await legacy(sim, 'getVPPUsersSrv', body);
    expect([res.status, res.body.status, res.body.errorNumber]).toEqual([200, -1, code]);
  });

  it('answers a revoked token with 9625 and malformed JSON with 9602, both HTTP 200', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    expect((await legacy(sim, 'getVPPUsersSrv', '{"sToken":')).body).toMatchObject({
      status: -1,
      errorNumber: 9602,
    });
    sim.faults.revoke(sToken);
    const res = await legacy(sim, 'getVPPUsersSrv', { sToken });
    expect([res.status, res.body.errorNumber]).toEqual([200, 9625]);
  });

  it('serves VPPServiceConfigSrv without a token, with URLs, batch limits and error codes', async () => {
    const sim = await simulator();
    const res = await legacy(sim, 'VPPServiceConfigSrv', {});
    expect(res.body).toMatchObject({
      status: 0,
      maxBatchAssociateLicenseCount: 20,
      manageVPPLicensesByAdamIdSrvUrl: `${sim.url}/mdm/manageVPPLicensesByAdamIdSrv`,
    });
    expect(res.body.errorCodes).toEqual(
      expect.arrayContaining([{ errorNumber: 9616, errorMessage: lookupCode(9616)?.message }]),
    );
  });

  it('answers the old WebObjects path too, and refuses GET with 405', async () => {
    const sim = await simulator();
    const old = await fetch(`${sim.url}/WebObjects/MZFinance.woa/wa/VPPServiceConfigSrv`, {
      method: 'POST',
      body: '{}',
    });
    expect(((await old.json()) as { status: number }).status).toBe(0);
    const get = await fetch(`${sim.url}/mdm/getVPPUsersSrv`);
    expect(get.status).toBe(405);
  });

  it('reads and sets clientContext through VPPClientConfigSrv', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    const context = JSON.stringify({ hostname: 'mdm.example', guid: 'g' });
    expect((await legacy(sim, 'VPPClientConfigSrv', { sToken, clientContext: context })).body).toMatchObject({
      status: 0,
      clientContext: context,
    });
    expect((await legacy(sim, 'VPPClientConfigSrv', { sToken })).body.clientContext).toBe(context);
    expect(
      (await legacy(sim, 'VPPClientConfigSrv', { sToken, clientContext: 'x'.repeat(256) })).body.errorNumber,
    ).toBe(9602);
  });
});

import { describe, expect, it } from 'vitest';
import { legacy, simulator } from '../test-support/harness.js';

describe('legacy listings', () => {
  it('batches getVPPLicensesSrv: batchToken until the last batch, which alone carries sinceModifiedToken', async () => {
    const sim = await simulator({ legacyBatchSize: 4 });
    const sToken = sim.token();
    sim.state.setAsset(sToken, { adamId: '1', totalCount: 10 });
    const first = await legacy(sim, 'getVPPLicensesSrv', { sToken, adamId: '1' });
    expect(first.body).toMatchObject({ status: 0, totalCount: 10, totalBatchCount: 3 });
    expect(first.body).not.toHaveProperty('sinceModifiedToken');
    const seen = [...(first.body.licenses as { licenseIdStr: string }[])];
    let token = first.body.batchToken;
    let last = first;
    while (token !== undefined) {
      last = await legacy(sim, 'getVPPLicensesSrv', { sToken, adamId: '1', batchToken: token });
      expect(last.body).not.toHaveProperty('totalCount');
      seen.push(...(last.body.licenses as { licenseIdStr: string }[]));
      token = last.body.batchToken;
    }
    expect(new Set(seen.map((l) => l.licenseIdStr)).size).toBe(10);
    expect(last.body.sinceModifiedToken).toEqual(expect.any(String));

    sim.state.addUser(sToken, { clientUserId: 'u' });
    sim.state.assign(sToken, '1', { clientUserId: 'u' });
    const changed = await legacy(sim, 'getVPPLicensesSrv', {
      sToken,
      sinceModifiedToken: last.body.sinceModifiedToken,
    });
    expect(changed.body.licenses).toEqual([
      expect.objectContaining({ adamIdStr: '1', clientUserIdStr: 'u', status: 'Associated' }),
    ]);
    const assigned = await legacy(sim, 'getVPPLicensesSrv', { sToken, assignedOnly: 'true' });
    expect((assigned.body.licenses as unknown[]).length).toBe(1);
  });

  it('answers 9633 to a batchToken it cannot recover', async () => {
    const sim = await simulator();
    const res = await legacy(sim, 'getVPPLicensesSrv', { sToken: sim.token(), batchToken: 'not-a-token' });
    expect([res.status, res.body.errorNumber]).toEqual([200, 9633]);
  });

  it('fetches a batch directly with overrideIndex', async () => {
    const sim = await simulator({ legacyBatchSize: 5 });
    const sToken = sim.token();
    const second = await legacy(sim, 'getVPPLicensesSrv', { sToken, overrideIndex: 2 });
    expect((second.body.licenses as unknown[]).length).toBe(5);
    expect((await legacy(sim, 'getVPPLicensesSrv', { sToken, overrideIndex: 99 })).body.errorNumber).toBe(
      9602,
    );
  });

  it('lists assets with licence counts', async () => {
    const sim = await simulator();
    const res = await legacy(sim, 'getVPPAssetsSrv', { sToken: sim.token(), includeLicenseCounts: true });
    expect(res.body.assets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          adamIdStr: '361309726',
          totalCount: 10,
          availableCount: 10,
          productTypeId: 8,
          productTypeName: 'Application',
        }),
      ]),
    );
  });
});

describe('legacy users', () => {
  it('registers, lists, gets and retires; retiring twice answers 9618', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    const reg = await legacy(sim, 'registerVPPUserSrv', {
      sToken,
      clientUserIdStr: 'c1',
      email: 'c1@example.com',
    });
    expect(reg.body).toMatchObject({
      status: 0,
      user: { clientUserIdStr: 'c1', email: 'c1@example.com', status: 'Registered' },
    });
    expect((reg.body.user as { inviteUrl: string }).inviteUrl).toContain('/invitation/');
    expect((await legacy(sim, 'registerVPPUserSrv', { sToken })).body.errorNumber).toBe(9600);

    const users = await legacy(sim, 'getVPPUsersSrv', { sToken });
    expect(users.body).toMatchObject({ status: 0, totalCount: 1, sinceModifiedToken: expect.any(String) });
    expect((await legacy(sim, 'getVPPUserSrv', { sToken, clientUserIdStr: 'c1' })).body).toMatchObject({
      user: { licenses: [] },
    });

    expect((await legacy(sim, 'retireVPPUserSrv', { sToken, clientUserIdStr: 'c1' })).body).toEqual({
      status: 0,
    });
    expect((await legacy(sim, 'retireVPPUserSrv', { sToken, clientUserIdStr: 'c1' })).body).toMatchObject({
      status: -1,
      errorNumber: 9618,
    });
    expect(
      (await legacy(sim, 'retireVPPUserSrv', { sToken, clientUserIdStr: 'nobody' })).body.errorNumber,
    ).toBe(9609);
    expect((await legacy(sim, 'getVPPUserSrv', { sToken, clientUserIdStr: 'c1' })).body.errorNumber).toBe(
      9604,
    );
    expect(((await legacy(sim, 'getVPPUsersSrv', { sToken })).body.users as unknown[]).length).toBe(0);
    expect(
      ((await legacy(sim, 'getVPPUsersSrv', { sToken, includeRetired: 1 })).body.users as unknown[]).length,
    ).toBe(1);
  });

  it('edits a user with editVPPUserSrv', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    await legacy(sim, 'registerVPPUserSrv', { sToken, clientUserIdStr: 'c1' });
    const res = await legacy(sim, 'editVPPUserSrv', {
      sToken,
      clientUserIdStr: 'c1',
      email: 'e@example.com',
    });
    expect(res.body).toMatchObject({ status: 0, user: { email: 'e@example.com' } });
  });
});

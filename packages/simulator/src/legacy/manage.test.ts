import { lookupCode } from '@vppwatch/core';
import { describe, expect, it } from 'vitest';
import { legacy, simulator } from '../test-support/harness.js';

const ADAM = '361309726';
const manage = 'manageVPPLicensesByAdamIdSrv';

describe('manageVPPLicensesByAdamIdSrv', () => {
  it('associates and disassociates synchronously with status 0', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    sim.state.addUser(sToken, { clientUserId: 'u1' });
    const res = await legacy(sim, manage, {
      sToken,
      adamIdStr: ADAM,
      pricingParam: 'STDQ',
      associateClientUserIdStrs: ['u1'],
    });
    expect(res.body).toMatchObject({ status: 0, adamIdStr: ADAM, productTypeId: 8, isIrrevocable: false });
    expect(res.body.associations).toEqual([{ clientUserIdStr: 'u1', licenseIdStr: expect.any(String) }]);
    const dis = await legacy(sim, manage, { sToken, adamIdStr: ADAM, disassociateClientUserIdStrs: ['u1'] });
    expect(dis.body).toMatchObject({ status: 0, disassociations: [{ clientUserIdStr: 'u1' }] });
    const again = await legacy(sim, manage, {
      sToken,
      adamIdStr: ADAM,
      disassociateClientUserIdStrs: ['u1'],
    });
    expect(again.body).toMatchObject({ status: -1, errorNumber: 9619 });
  });

  // 000_1ba4363d19d7a289.txt: "Sometimes, itʼs because the specific user in the request is already assigned to the
  // item in question. When that happens, the 9616 error is accompanied by a licenseAlreadyAssigned entry with details
  // about the user and the license."
  it('answers 9616 with licenseAlreadyAssigned and regUsersAlreadyAssigned shaped as Apple documents', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    sim.state.addUser(sToken, {
      clientUserId: 'xxutt8',
      email: 'user@example.apple.com',
      itsIdHash: 'XuHVGvasXcfEVUUn4EP2wjHEUK00s=',
    });
    sim.state.assign(sToken, ADAM, { clientUserId: 'xxutt8' });
    const res = await legacy(sim, manage, {
      sToken,
      adamIdStr: ADAM,
      pricingParam: 'STDQ',
      associateClientUserIdStrs: ['xxutt8'],
    });
    expect(res.status).toBe(200);
    const user = sim.state.org(sToken)?.users[0];
    expect(res.body).toEqual({
      licenseAlreadyAssigned: {
        pricingParam: 'STDQ',
        itsIdHash: 'XuHVGvasXcfEVUUn4EP2wjHEUK00s=',
        userId: user?.userId,
        productTypeId: 8,
        isIrrevocable: false,
        adamIdStr: ADAM,
        userIdStr: String(user?.userId),
        licenseIdStr: expect.any(String),
        productTypeName: 'Application',
        clientUserIdStr: 'xxutt8',
        licenseId: expect.any(Number),
        adamId: Number(ADAM),
        status: 'Associated',
      },
      regUsersAlreadyAssigned: [
        {
          itsIdHash: 'XuHVGvasXcfEVUUn4EP2wjHEUK00s=',
          clientUserIdStr: 'xxutt8',
          userId: user?.userId,
          email: 'user@example.apple.com',
          status: 'Associated',
        },
      ],
      errorMessage: lookupCode(9616)?.message,
      errorNumber: 9616,
      status: -1,
    });
    const license = res.body.licenseAlreadyAssigned as { licenseIdStr: string; licenseId: number };
    expect(String(license.licenseId)).toBe(license.licenseIdStr);
  });

  // 000_1ba4363d19d7a289.txt: "Alternatively, a 9616 error may have a regUsersAlreadyAssigned entry in the response,
  // with information about the one or more other users who already have the item in question. In these cases, the
  // VPP user specified by the user ID or the clientUserIdStr does not have the item, but some other users in the
  // organization associated with the same iTunes Store account have the item."
  it('answers 9616 with only regUsersAlreadyAssigned when another user on the same Apple Account holds the item', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    sim.state.addUser(sToken, { clientUserId: 'holder', email: 'h@example.com', itsIdHash: 'same' });
    sim.state.addUser(sToken, { clientUserId: 'asker', itsIdHash: 'same' });
    sim.state.assign(sToken, ADAM, { clientUserId: 'holder' });
    const res = await legacy(sim, manage, { sToken, adamIdStr: ADAM, associateClientUserIdStrs: ['asker'] });
    expect(res.body).not.toHaveProperty('licenseAlreadyAssigned');
    expect(res.body).toMatchObject({
      errorNumber: 9616,
      status: -1,
      regUsersAlreadyAssigned: [
        { clientUserIdStr: 'holder', itsIdHash: 'same', email: 'h@example.com', status: 'Associated' },
      ],
    });
  });

  it('answers a partial result with status -3 and per-item errors', async () => {
    const sim = await simulator();
    const sToken = sim.token();
    sim.state.setAsset(sToken, { adamId: '5', totalCount: 1 });
    for (const id of ['a', 'b']) sim.state.addUser(sToken, { clientUserId: id });
    const res = await legacy(sim, manage, {
      sToken,
      adamIdStr: '5',
      associateClientUserIdStrs: ['a', 'b', 'ghost'],
    });
    expect(res.body.status).toBe(-3);
    expect(res.body.associations).toEqual([
      { clientUserIdStr: 'a', licenseIdStr: expect.any(String) },
      { clientUserIdStr: 'b', errorNumber: 9610, errorMessage: lookupCode(9610)?.message },
      { clientUserIdStr: 'ghost', errorNumber: 9609, errorMessage: lookupCode(9609)?.message },
    ]);
  });

  it.each([
    ['no adamIdStr', { associateClientUserIdStrs: ['a'] }, 9600],
    ['nothing to do', { adamIdStr: ADAM }, 9600],
    [
      'users and serials together',
      { adamIdStr: ADAM, associateClientUserIdStrs: ['a'], associateSerialNumbers: ['s'] },
      9602,
    ],
    [
      'more than maxBatchAssociateLicenseCount',
      { adamIdStr: ADAM, associateSerialNumbers: Array.from({ length: 21 }, (_, i) => `s${i}`) },
      9602,
    ],
    ['an asset the org does not own', { adamIdStr: '999', associateSerialNumbers: ['s'] }, 9610],
    ['a book to a device', { adamIdStr: '1091189122', associateSerialNumbers: ['s'] }, 9628],
  ])('rejects %s with %s', async (_name, body, code) => {
    const sim = await simulator();
    const res = await legacy(sim, manage, { sToken: sim.token(), ...body });
    expect([res.status, res.body.status, res.body.errorNumber]).toEqual([200, -1, code]);
  });
});

describe('storm guards', () => {
  it('answers 9630 after the same 9616 repeats for one org+user+item', async () => {
    const sim = await simulator({ scenario: 'storm-guard' });
    const sToken = sim.token();
    sim.state.addUser(sToken, { clientUserId: 'u' });
    sim.state.assign(sToken, ADAM, { clientUserId: 'u' });
    // Vary the bytes so 9632 (identical request) cannot be what fires.
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const res = await legacy(sim, manage, {
        sToken,
        adamIdStr: ADAM,
        associateClientUserIdStrs: ['u'],
        clientContext: String(i),
      });
      codes.push(res.body.errorNumber);
    }
    expect(codes).toEqual([9616, 9616, 9630]);
    expect(sim.requests.all().at(-1)).toMatchObject({ errorNumber: 9630, fault: 'storm-guard' });
  });

  it('answers 9631 after the same 9610 repeats', async () => {
    const sim = await simulator({ scenario: 'storm-guard' });
    const sToken = sim.token();
    sim.state.setAsset(sToken, { adamId: '7', totalCount: 0 });
    sim.state.addUser(sToken, { clientUserId: 'u' });
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const res = await legacy(sim, manage, {
        sToken,
        adamIdStr: '7',
        associateClientUserIdStrs: ['u'],
        n: i,
      });
      codes.push(res.body.errorNumber);
    }
    expect(codes).toEqual([9610, 9610, 9631]);
  });

  it('answers 9632 when a byte-identical request repeats too soon, and not without the guard', async () => {
    const body = (sToken: string) => ({ sToken, adamIdStr: ADAM, disassociateSerialNumbers: ['s1'] });
    const guarded = await simulator({ scenario: 'storm-guard' });
    const t1 = guarded.token();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await legacy(guarded, manage, body(t1))).body.errorNumber);
    expect(codes).toEqual([9619, 9619, 9632]);

    const plain = await simulator();
    const t2 = plain.token();
    const plainCodes = [];
    for (let i = 0; i < 3; i++) plainCodes.push((await legacy(plain, manage, body(t2))).body.errorNumber);
    expect(plainCodes).toEqual([9619, 9619, 9619]);
  });
});

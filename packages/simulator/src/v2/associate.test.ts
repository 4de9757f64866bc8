import { lookupCode } from '@vppwatch/core';
import { describe, expect, it } from 'vitest';
import { settled, simulator, v2 } from '../test-support/harness.js';
import { notificationListener } from '../test-support/listener.js';

const APP = { adamId: '361309726', pricingParam: 'STDQ' }; // 10 licences by default

describe('assets/associate', () => {
  it('counts licences: 20 users on 10 licences fail partially with 9709, in status and in a notification', async () => {
    const sim = await simulator({ eventDelayMs: 100 });
    const token = sim.token();
    const users = Array.from({ length: 20 }, (_, i) => `user-${i}`);
    for (const clientUserId of users) sim.state.addUser(token, { clientUserId });
    const listener = await notificationListener('hook-secret');
    const config = await v2(sim, 'client/config', {
      token,
      body: { notificationUrl: listener.url, notificationAuthToken: 'hook-secret' },
    });
    expect(config.status).toBe(200);

    const res = await v2(sim, 'assets/associate', { token, body: { assets: [APP], clientUserIds: users } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['eventId', 'tokenExpirationDate', 'uId']);
    const eventId = String(res.body.eventId);
    const pending = await v2(sim, `status?eventId=${eventId}`, { token });
    expect(pending.body.eventStatus).toBe('PENDING');

    const status = await settled(sim, token, eventId);
    expect(status).toMatchObject({
      eventStatus: 'FAILED',
      eventType: 'ASSOCIATE',
      numRequested: 20,
      numCompleted: 10,
    });
    expect(status.failures).toEqual([
      {
        errorNumber: 9709,
        errorMessage: lookupCode(9709)?.message,
        errorInfo: { assets: [APP], clientUserIds: users.slice(10) },
      },
    ]);

    const failure = await listener.waitFor(
      (r) => r.body.notificationType === 'ASSET_MANAGEMENT' && r.body.notification.result === 'FAILURE',
    );
    expect(failure.authorization).toBe('Bearer hook-secret');
    expect(failure.body.notification).toMatchObject({
      error: { errorNumber: 9709 },
      eventId,
      type: 'ASSOCIATE',
    });
    const failed = failure.body.notification.assignments as { clientUserId: string }[];
    expect(failed.map((a) => a.clientUserId)).toEqual(users.slice(10));
    const success = await listener.waitFor((r) => r.body.notification.result === 'SUCCESS');
    expect((success.body.notification.assignments as unknown[]).length).toBe(10);
    expect(success.body.notification).not.toHaveProperty('error');
    expect(sim.state.org(token)?.assets.find((a) => a.adamId === APP.adamId)?.availableCount).toBe(0);
  });

  it('fails unknown users with 9609 and completes the known ones', async () => {
    const sim = await simulator();
    const token = sim.token();
    sim.state.addUser(token, { clientUserId: 'known' });
    const res = await v2(sim, 'assets/associate', {
      token,
      body: { assets: [APP], clientUserIds: ['known', 'ghost-1', 'ghost-2'] },
    });
    const status = await settled(sim, token, String(res.body.eventId));
    expect(status).toMatchObject({ eventStatus: 'FAILED', numCompleted: 1, numRequested: 3 });
    expect(status.failures).toEqual([
      expect.objectContaining({
        errorNumber: 9609,
        errorInfo: expect.objectContaining({ clientUserIds: ['ghost-1', 'ghost-2'] }),
      }),
    ]);
  });

  it('assigns devices and completes without failures', async () => {
    const sim = await simulator();
    const token = sim.token();
    const res = await v2(sim, 'assets/associate', {
      token,
      body: { assets: [APP], serialNumbers: ['C02X', 'C02Y'] },
    });
    const status = await settled(sim, token, String(res.body.eventId));
    expect(status).toMatchObject({ eventStatus: 'COMPLETE', numCompleted: 2, numRequested: 2 });
    expect(status).not.toHaveProperty('failures');
    const assignments = await v2(sim, 'assignments', { token });
    expect(assignments.body.assignments).toEqual([
      { ...APP, serialNumber: 'C02X' },
      { ...APP, serialNumber: 'C02Y' },
    ]);
  });

  it.each([
    ['no assets', { clientUserIds: ['a'] }, 9718],
    ['no holders', { assets: [APP] }, 9719],
    [
      'too many assets',
      {
        assets: Array.from({ length: 26 }, (_, i) => ({ adamId: String(i), pricingParam: 'STDQ' })),
        clientUserIds: ['a'],
      },
      9700,
    ],
    [
      'too many users',
      { assets: [APP], clientUserIds: Array.from({ length: 1001 }, (_, i) => `u${i}`) },
      9701,
    ],
    [
      'too many serials',
      { assets: [APP], serialNumbers: Array.from({ length: 1001 }, (_, i) => `s${i}`) },
      9702,
    ],
    ['duplicate assets', { assets: [APP, APP], clientUserIds: ['a'] }, 9703],
    ['duplicate users', { assets: [APP], clientUserIds: ['a', 'a'] }, 9704],
    ['duplicate serials', { assets: [APP], serialNumbers: ['s', 's'] }, 9705],
    [
      'a book to a device',
      { assets: [{ adamId: '1091189122', pricingParam: 'STDQ' }], serialNumbers: ['s'] },
      9707,
    ],
    ['assets not a list', { assets: 'x', clientUserIds: ['a'] }, 9602],
  ])('rejects %s synchronously with %s and starts no event', async (_name, body, code) => {
    const sim = await simulator();
    const token = sim.token();
    const res = await v2(sim, 'assets/associate', { token, body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errorNumber: code, errorMessage: lookupCode(code)?.message });
    expect(sim.state.org(token)?.assignments).toEqual([]);
  });
});

describe('assets/disassociate and assets/revoke', () => {
  it('disassociates, and revoke takes only revocable licences', async () => {
    const sim = await simulator();
    const token = sim.token();
    sim.state.addUser(token, { clientUserId: 'u1' });
    sim.state.assign(token, APP.adamId, { clientUserId: 'u1' });
    sim.state.assign(token, '778658393', { clientUserId: 'u1' });
    sim.state.assign(token, '1091189122', { clientUserId: 'u1' }); // a book that is not revocable

    const dis = await v2(sim, 'assets/disassociate', {
      token,
      body: { assets: [APP], clientUserIds: ['u1'] },
    });
    expect(await settled(sim, token, String(dis.body.eventId))).toMatchObject({
      eventStatus: 'COMPLETE',
      eventType: 'DISASSOCIATE',
    });
    expect(sim.state.org(token)?.assignments.map((a) => a.adamId)).toEqual(['778658393', '1091189122']);

    const rev = await v2(sim, 'assets/revoke', { token, body: { clientUserIds: ['u1'] } });
    expect(await settled(sim, token, String(rev.body.eventId))).toMatchObject({
      eventStatus: 'COMPLETE',
      eventType: 'REVOKE',
    });
    expect(sim.state.org(token)?.assignments.map((a) => a.adamId)).toEqual(['1091189122']);
  });

  it('validates revoke bodies against the revoke limits', async () => {
    const sim = await simulator();
    const token = sim.token();
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect((await v2(sim, 'assets/revoke', { token, body: {} })).body.errorNumber).toBe(9719);
    expect((await v2(sim, 'assets/revoke', { token, body: { clientUserIds: many } })).body.errorNumber).toBe(
      9701,
    );
    expect((await v2(sim, 'assets/revoke', { token, body: { serialNumbers: many } })).body.errorNumber).toBe(
      9702,
    );
    expect(
      (await v2(sim, 'assets/revoke', { token, body: { clientUserIds: ['a', 'a'] } })).body.errorNumber,
    ).toBe(9704);
  });
});

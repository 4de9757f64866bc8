import { lookupCode } from '@vppwatch/core';
import { describe, expect, it } from 'vitest';
import { settled, simulator, v2 } from '../test-support/harness.js';
import { notificationListener } from '../test-support/listener.js';

describe('v2 users', () => {
  it('creates, updates and retires users, notifying USER_MANAGEMENT', async () => {
    const sim = await simulator();
    const token = sim.token();
    const listener = await notificationListener('t0k');
    await v2(sim, 'client/config', {
      token,
      body: { notificationUrl: listener.url, notificationAuthToken: 't0k' },
    });

    const create = await v2(sim, 'users/create', {
      token,
      body: { users: [{ clientUserId: 'u1', email: 'u1@example.com' }] },
    });
    expect(await settled(sim, token, String(create.body.eventId))).toMatchObject({
      eventStatus: 'COMPLETE',
      eventType: 'CREATE',
      numCompleted: 1,
    });
    const note = await listener.waitFor((r) => r.body.notificationType === 'USER_MANAGEMENT');
    expect(note.body.notification).toMatchObject({
      eventId: create.body.eventId,
      result: 'SUCCESS',
      type: 'CREATE',
      users: [{ clientUserId: 'u1', email: 'u1@example.com', status: 'Registered' }],
    });

    const update = await v2(sim, 'users/update', {
      token,
      body: { users: [{ clientUserId: 'u1', email: 'new@example.com' }] },
    });
    await settled(sim, token, String(update.body.eventId));
    expect(sim.state.org(token)?.users[0]?.email).toBe('new@example.com');

    sim.state.assign(token, '361309726', { clientUserId: 'u1' });
    const retire = await v2(sim, 'users/retire', { token, body: { users: [{ clientUserId: 'u1' }] } });
    expect(await settled(sim, token, String(retire.body.eventId))).toMatchObject({
      eventStatus: 'COMPLETE',
      eventType: 'RETIRE',
    });
    expect(sim.state.org(token)?.users[0]?.status).toBe('Retired');
    expect(sim.state.org(token)?.assignments).toEqual([]);
  });

  it('fails a duplicate create with 9716 and an update of an unknown user with 9609', async () => {
    const sim = await simulator();
    const token = sim.token();
    sim.state.addUser(token, { clientUserId: 'exists' });
    const create = await v2(sim, 'users/create', {
      token,
      body: { users: [{ clientUserId: 'exists' }, { clientUserId: 'fresh' }] },
    });
    const created = await settled(sim, token, String(create.body.eventId));
    expect(created).toMatchObject({ eventStatus: 'FAILED', numCompleted: 1, numRequested: 2 });
    expect(created.failures).toEqual([
      {
        errorNumber: 9716,
        errorMessage: lookupCode(9716)?.message,
        errorInfo: { clientUserIds: ['exists'] },
      },
    ]);
    const update = await v2(sim, 'users/update', { token, body: { users: [{ clientUserId: 'ghost' }] } });
    expect((await settled(sim, token, String(update.body.eventId))).failures).toEqual([
      expect.objectContaining({ errorNumber: 9609, errorInfo: { clientUserIds: ['ghost'] } }),
    ]);
  });

  it.each([
    ['no users', {}, 9720],
    ['too many users', { users: Array.from({ length: 101 }, (_, i) => ({ clientUserId: `u${i}` })) }, 9714],
    ['duplicate users', { users: [{ clientUserId: 'a' }, { clientUserId: 'a' }] }, 9715],
    ['a bad email', { users: [{ clientUserId: 'a', email: 'not-an-email' }] }, 9717],
  ])('rejects %s with %s', async (_name, body, code) => {
    const sim = await simulator();
    const res = await v2(sim, 'users/create', { token: sim.token(), body });
    expect([res.status, res.body.errorNumber]).toEqual([400, code]);
  });
});

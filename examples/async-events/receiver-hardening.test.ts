import { waitForEvent } from '@vppwatch/core';
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { APP, BIG_APP, errorCount, NOTIFICATION_TOKEN, setup, useRealOtel } from './support.js';

useRealOtel();

const forged = {
  notification: {
    assignments: [{ adamId: APP.adamId, pricingParam: 'STDQ', clientUserId: 'victim' }],
    error: { errorNumber: 9709, errorMessage: 'forged' },
    eventId: 'forged-event',
    result: 'FAILURE',
    type: 'ASSOCIATE',
  },
  notificationId: 'forged-1',
  notificationType: 'ASSET_MANAGEMENT',
  uId: '1',
};

describe('the notification receiver under bad input', () => {
  it('refuses wrong tokens, oversized and malformed bodies, and still accepts Apple afterwards', async () => {
    const { sim, sToken, registry, events, receiver, apple } = await setup('axios');
    await apple.post('client/config', {
      notificationUrl: receiver.url,
      notificationAuthToken: NOTIFICATION_TOKEN,
    });
    await events.next((e) => e.type === 'TEST_NOTIFICATION');

    const raw = axios.create({ validateStatus: () => true });
    const post = (body: unknown, token: string | null = NOTIFICATION_TOKEN) =>
      raw.post(receiver.url, body, {
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
    expect((await post(forged, 'not-the-token')).status).toBe(401);
    expect((await post(forged, null)).status).toBe(401);
    expect((await post(JSON.stringify({ ...forged, padding: 'x'.repeat(300 * 1024) }))).status).toBe(413);
    expect((await post('{"notification": {"assignments": [')).status).toBe(400);
    expect((await raw.get(receiver.url)).status).toBe(405);
    expect(await errorCount(registry, { error_number: '9709' })).toBe(0);
    expect(events.items.filter((e) => e.notificationId === 'forged-1')).toEqual([]);

    sim.state.addUser(sToken, { clientUserId: 'learner-1' });
    const { eventId } = await apple.post('assets/associate', {
      assets: [BIG_APP],
      clientUserIds: ['learner-1'],
    });
    const outcome = await waitForEvent({
      eventId: String(eventId),
      poll: apple.poll,
      intervalMs: 20,
      tracing: false,
    });
    expect(outcome).toMatchObject({ status: 'COMPLETE', outcome: 'success', numCompleted: 1 });
    const success = await events.next((e) => e.type === 'ASSET_MANAGEMENT' && e.result === 'SUCCESS');
    expect(success).toMatchObject({ eventId, duplicate: false, failures: [] });
  });
});

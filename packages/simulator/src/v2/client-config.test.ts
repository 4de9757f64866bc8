import { describe, expect, it } from 'vitest';
import { simulator, v2 } from '../test-support/harness.js';
import { notificationListener } from '../test-support/listener.js';

describe('v2 client/config', () => {
  it('stores the notification target after a TEST_NOTIFICATION got through, and GET returns it', async () => {
    const sim = await simulator();
    const token = sim.token();
    const listener = await notificationListener('abc');
    const mdmInfo = { id: 'mdm-1', name: 'vppwatch', metadata: '{}' };
    const res = await v2(sim, 'client/config', {
      token,
      body: { mdmInfo, notificationUrl: listener.url, notificationAuthToken: 'abc' },
    });
    expect(res.status).toBe(200);
    expect(listener.received).toHaveLength(1);
    expect(listener.received[0]?.body).toMatchObject({
      notification: {},
      notificationType: 'TEST_NOTIFICATION',
      uId: res.body.uId,
    });
    const got = await v2(sim, 'client/config', { token });
    expect(got.body).toMatchObject({
      mdmInfo,
      notificationUrl: listener.url,
      notificationAuthToken: 'abc',
      defaultPlatform: 'volumestore',
    });
  });

  it('rejects a URL whose listener refuses the test notification with 9728', async () => {
    const sim = await simulator();
    const listener = await notificationListener('expected');
    const res = await v2(sim, 'client/config', {
      token: sim.token(),
      body: { notificationUrl: listener.url, notificationAuthToken: 'wrong' },
    });
    expect([res.status, res.body.errorNumber]).toEqual([400, 9728]);
  });

  it.each([
    ['a URL without a token', { notificationUrl: 'https://example.com/hook' }, 9710],
    [
      'an over-long token',
      { notificationUrl: 'https://example.com/hook', notificationAuthToken: 'x'.repeat(513) },
      9711,
    ],
    [
      'plain http to a remote host',
      { notificationUrl: 'http://example.com/hook', notificationAuthToken: 'x' },
      9712,
    ],
    ['incomplete mdmInfo', { mdmInfo: { id: 'x' } }, 9723],
    ['an over-long mdm id', { mdmInfo: { id: 'x'.repeat(101), name: 'n', metadata: 'm' } }, 9724],
    ['an over-long mdm name', { mdmInfo: { id: 'x', name: 'n'.repeat(101), metadata: 'm' } }, 9725],
    ['over-long metadata', { mdmInfo: { id: 'x', name: 'n', metadata: 'm'.repeat(256) } }, 9713],
  ])('rejects %s with %s', async (_name, body, code) => {
    const sim = await simulator();
    const res = await v2(sim, 'client/config', { token: sim.token(), body });
    expect([res.status, res.body.errorNumber]).toEqual([400, code]);
  });

  it('sends ASSET_COUNT when licences are bought', async () => {
    const sim = await simulator();
    const token = sim.token();
    const listener = await notificationListener('abc');
    await v2(sim, 'client/config', {
      token,
      body: { notificationUrl: listener.url, notificationAuthToken: 'abc' },
    });
    sim.state.addLicenses(token, '361309726', 5);
    const note = await listener.waitFor((r) => r.body.notificationType === 'ASSET_COUNT');
    expect(note.body.notification).toEqual({ adamId: '361309726', countDelta: 5, pricingParam: 'STDQ' });
    expect(sim.state.org(token)?.assets[0]?.totalCount).toBe(15);
  });
});

import { describe, expect, it } from 'vitest';
import { settled, simulator, v2 } from '../test-support/harness.js';

describe('v2 reads', () => {
  it('serves service/config with errorCodes, limits and urls, with or without a token', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'service/config');
    expect(res.status).toBe(200);
    expect(res.body.limits).toMatchObject({ maxRequestPerSecond: 15, maxAssets: 25, maxClientUserIds: 1000 });
    expect(res.body.errorCodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ errorNumber: 9646 })]),
    );
    expect((res.body.urls as Record<string, string>).eventStatus).toBe(`${sim.url}/mdm/v2/status`);
    expect((await v2(sim, 'service/config', { token: sim.token() })).status).toBe(200);
  });

  it('pages assets: nextPageIndex is absent on the last page, and a bad pageIndex is 9650', async () => {
    const sim = await simulator({ pageSize: 2 });
    const token = sim.token();
    sim.state.setAsset(token, { adamId: '42', totalCount: 3 });
    const first = await v2(sim, 'assets', { token });
    expect(first.body).toMatchObject({ currentPageIndex: 0, nextPageIndex: 1, size: 2, totalPages: 2 });
    expect(first.body.versionId).toEqual(expect.any(String));
    const last = await v2(sim, 'assets?pageIndex=1', { token });
    expect(last.body).toMatchObject({ currentPageIndex: 1, size: 2, totalPages: 2 });
    expect(last.body).not.toHaveProperty('nextPageIndex');
    for (const bad of ['2', '-1', 'x']) {
      const res = await v2(sim, `assets?pageIndex=${bad}`, { token });
      expect([res.status, res.body.errorNumber]).toEqual([400, 9650]);
    }
  });

  it('filters assets', async () => {
    const sim = await simulator();
    const token = sim.token();
    const books = await v2(sim, 'assets?productType=Book', { token });
    expect((books.body.assets as { adamId: string }[]).map((a) => a.adamId)).toEqual(['1091189122']);
    const big = await v2(sim, 'assets?minAvailableCount=50', { token });
    expect((big.body.assets as { adamId: string }[]).map((a) => a.adamId)).toEqual(['778658393']);
  });

  it('lists users and assignments changed since a versionId; an unknown versionId is 9721', async () => {
    const sim = await simulator();
    const token = sim.token();
    sim.state.addUser(token, { clientUserId: 'old' });
    const before = String((await v2(sim, 'users', { token })).body.versionId);
    const created = await v2(sim, 'users/create', {
      token,
      body: { users: [{ clientUserId: 'new', email: 'n@example.com' }] },
    });
    await settled(sim, token, String(created.body.eventId));
    const since = await v2(sim, `users?sinceVersionId=${before}`, { token });
    expect(since.body.users).toEqual([
      { clientUserId: 'new', email: 'n@example.com', inviteCode: expect.any(String), status: 'Registered' },
    ]);
    const all = await v2(sim, 'users', { token });
    expect((all.body.users as unknown[]).length).toBe(2);
    expect((await v2(sim, 'users?sinceVersionId=99999', { token })).body.errorNumber).toBe(9721);
    expect((await v2(sim, 'assignments?sinceVersionId=abc', { token })).body.errorNumber).toBe(9721);
  });

  it('answers 9708 for an unknown or foreign eventId', async () => {
    const sim = await simulator();
    const a = sim.token();
    const b = sim.token();
    const res = await v2(sim, 'users/create', { token: a, body: { users: [{ clientUserId: 'x' }] } });
    expect((await v2(sim, 'status?eventId=nope', { token: a })).body.errorNumber).toBe(9708);
    expect((await v2(sim, `status?eventId=${res.body.eventId}`, { token: b })).body.errorNumber).toBe(9708);
  });

  it('keeps organizations apart: each token has its own users and licences', async () => {
    const sim = await simulator();
    const a = sim.token();
    const b = sim.token();
    sim.state.addUser(a, { clientUserId: 'only-a' });
    expect(((await v2(sim, 'users', { token: b })).body.users as unknown[]).length).toBe(0);
    expect((await v2(sim, 'users', { token: a })).body.uId).not.toBe(
      (await v2(sim, 'users', { token: b })).body.uId,
    );
  });
});

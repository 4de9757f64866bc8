import { lookupCode } from '@vppwatch/core';
import { describe, expect, it } from 'vitest';
import { simulator, v2 } from '../test-support/harness.js';
import { makeSToken } from '../token/s-token.js';

const msg = (code: number) => lookupCode(code)?.message;

describe('v2 request validation', () => {
  it('answers 401 + 9722 to an Authorization header that is not Bearer', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'assets', { headers: { authorization: 'Token x' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errorNumber: 9722, errorMessage: msg(9722) });
  });

  it('answers 401 + 9601 when the Authorization header is missing', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'assets');
    expect([res.status, res.body.errorNumber]).toEqual([401, 9601]);
  });

  it('answers 401 + 9621 to an expired token', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'assets', { token: makeSToken({ expDate: '2020-01-01T00:00:00+0000' }) });
    expect([res.status, res.body.errorNumber]).toEqual([401, 9621]);
  });

  it('answers 401 + 9625 once a token is revoked, and only for that token', async () => {
    const sim = await simulator();
    const revoked = sim.token();
    const other = sim.token();
    sim.faults.revoke(revoked);
    expect((await v2(sim, 'assets', { token: revoked })).body.errorNumber).toBe(9625);
    expect((await v2(sim, 'assets', { token: other })).status).toBe(200);
  });

  it('answers 9622 to a token that does not decode, with 401 by default or 200 as fleet observed', async () => {
    const strict = await simulator();
    expect(await v2(strict, 'assets', { token: 'bm90IGpzb24' })).toMatchObject({
      status: 401,
      body: { errorNumber: 9622 },
    });
    const lax = await simulator({ invalidTokenStatus: 200 });
    expect(await v2(lax, 'assets', { token: 'bm90IGpzb24' })).toMatchObject({
      status: 200,
      body: { errorNumber: 9622 },
    });
  });

  it('answers 405 + 9726 to the wrong method', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'assets/associate', { token: sim.token(), method: 'GET' });
    expect([res.status, res.body.errorNumber]).toEqual([405, 9726]);
  });

  it('answers 415 + 9727 to a POST that is not JSON', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'users/create', {
      token: sim.token(),
      body: 'users=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([res.status, res.body.errorNumber]).toEqual([415, 9727]);
  });

  it('answers 400 + 9602 to malformed JSON', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'users/create', { token: sim.token(), body: '{"users": [' });
    expect([res.status, res.body.errorNumber]).toEqual([400, 9602]);
  });

  it('answers 404 to an unknown path and logs it without the path', async () => {
    const sim = await simulator();
    const res = await v2(sim, 'nope/someone@example.com', { token: sim.token() });
    expect(res.status).toBe(404);
    expect(sim.requests.all()[0]).toMatchObject({ api: 'v2', endpoint: 'unknown', status: 404 });
  });
});

describe('request log', () => {
  it('records every request by token hash, never the token, emails or ids', async () => {
    const sim = await simulator();
    const token = sim.token();
    await v2(sim, 'users/create', {
      token,
      body: { users: [{ clientUserId: 'secret-user', email: 'a@example.com' }] },
    });
    await v2(sim, 'assets', { headers: { authorization: 'Token x' } });
    const records = sim.requests.all();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      tokenHash: sim.tokenHash(token),
      api: 'v2',
      endpoint: 'users/create',
      method: 'POST',
      status: 200,
      errorNumber: null,
      retryAfterMs: null,
      windowEndsAt: null,
    });
    expect(records[1]).toMatchObject({ tokenHash: null, status: 401, errorNumber: 9722 });
    const text = JSON.stringify(records);
    for (const secret of [token, 'secret-user', 'a@example.com']) expect(text).not.toContain(secret);
    expect(sim.requests.forToken(sim.tokenHash(token))).toHaveLength(1);
    sim.requests.clear();
    expect(sim.requests.count).toBe(0);
  });
});

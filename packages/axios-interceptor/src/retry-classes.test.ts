import { getDecodedOutcome, getRetryInfo, isVppError } from '@vppwatch/core';
import { type ScriptedReply, type ScriptedServer, startScriptedServer } from '@vppwatch/simulator';
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor, type VppInterceptorOptions } from './index.js';
import { fakeSToken, legacyError, testEngineOptions, v2Error } from './test-support/fixtures.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: ScriptedReply[], options?: VppInterceptorOptions): Promise<AxiosInstance> {
  server = await startScriptedServer(script);
  const client = axios.create({
    baseURL: `${server.url}/mdm`,
    headers: { Authorization: `Bearer ${fakeSToken()}` },
  });
  attachVppInterceptor(client, { ...testEngineOptions(), ...options });
  return client;
}

const sToken = fakeSToken();
const ok = { status: 200, body: { eventId: 'e-1' } };

describe('each retry class end to end', () => {
  it('throttled 429 with Retry-After in seconds: waits at least that long, then succeeds', async () => {
    const client = await clientFor([
      { status: 429, headers: { 'retry-after': '1' }, body: v2Error(9646) },
      ok,
    ]);
    const response = await client.post('/v2/assets/associate', { assets: [] });
    expect(response.status).toBe(200);
    const [first, second] = server!.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
    expect(getRetryInfo(response)).toMatchObject({ attempts: 2, retryReasons: ['throttled'] });
    expect(getRetryInfo(response)?.lastRetryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it('throttled 503 with Retry-After as an HTTP-date: no retry before that date', async () => {
    const date = new Date(Date.now() + 2000);
    date.setMilliseconds(0);
    const client = await clientFor([
      {
        status: 503,
        headers: { 'retry-after': date.toUTCString(), date: new Date().toUTCString() },
        body: v2Error(9646),
      },
      ok,
    ]);
    const response = await client.get('/v2/assets');
    expect(response.status).toBe(200);
    expect(server!.requests[1]!.at).toBeGreaterThanOrEqual(date.getTime() - 1000);
    expect(getRetryInfo(response)?.attempts).toBe(2);
  });

  it('a burst of 9603 internal errors is retried until it clears', async () => {
    const internal = { status: 500, body: v2Error(9603, 'Internal error.') };
    const client = await clientFor([internal, internal, ok]);
    const response = await client.post('/v2/assets/associate', { assets: [] });
    expect(response.status).toBe(200);
    expect(server!.requests).toHaveLength(3);
    expect(getRetryInfo(response)?.retryReasons).toEqual(['transient', 'transient']);
  });

  it('9644 maintenance (legacy HTTP 200, status -1) is retried as retry_later', async () => {
    const client = await clientFor([
      { status: 200, body: legacyError(9644, 'maintenance') },
      { status: 200, body: { status: 0 } },
    ]);
    const response = await client.post('/getVPPAssetsSrv', { sToken });
    expect(response.data).toEqual({ status: 0 });
    expect(getRetryInfo(response)?.retryReasons).toEqual(['retry_later']);
  });

  const alreadyAssigned = {
    ...legacyError(9616, 'License already assigned'),
    licenseAlreadyAssigned: { adamIdStr: '778658393', licenseIdStr: '99147599840', status: 'Associated' },
  };

  it('9616 already assigned resolves, with the decoded outcome readable from the response', async () => {
    const client = await clientFor([{ status: 200, body: alreadyAssigned }]);
    const response: AxiosResponse = await client.post('/manageVPPLicensesByAdamIdSrv', {
      sToken,
      adamIdStr: '1',
    });
    expect(response.data.errorNumber).toBe(9616);
    expect(getDecodedOutcome(response)?.retryClass).toBe('idempotent_ok');
    expect(server!.requests).toHaveLength(1);
  });

  it('9616 rejects when rejectIdempotentOk is set', async () => {
    const client = await clientFor([{ status: 200, body: alreadyAssigned }], { rejectIdempotentOk: true });
    const error = await client.post('/manageVPPLicensesByAdamIdSrv', { sToken }).catch((e: unknown) => e);
    expect(isVppError(error) && error.errorNumber).toBe(9616);
  });

  it('9621 expired token rejects at once, without a retry', async () => {
    const client = await clientFor([{ status: 401, body: v2Error(9621, 'The token has expired.') }, ok]);
    const error = await client.get('/v2/assets').catch((e: unknown) => e);
    expect(isVppError(error)).toBe(true);
    if (!isVppError(error)) return;
    expect(error.errorNumber).toBe(9621);
    expect(error.retryClass).toBe('auth_fatal');
    expect(isAxiosError(error.unredacted().cause)).toBe(true);
    expect(error.cause).toEqual({ name: 'AxiosError', code: 'ERR_BAD_REQUEST', httpStatus: 401 });
    expect(server!.requests).toHaveLength(1);
  });

  it('a legacy HTTP 200 with status -1 rejects with a VppError holding the response as cause', async () => {
    const client = await clientFor([{ status: 200, body: legacyError(9600, 'Missing required argument.') }]);
    const error = await client.post('/getVPPUserSrv', { sToken }).catch((e: unknown) => e);
    expect(isVppError(error) && error.errorNumber).toBe(9600);
    const cause = (isVppError(error) ? error.unredacted().cause : null) as AxiosResponse;
    expect(cause.status).toBe(200);
    expect(server!.requests).toHaveLength(1);
  });

  it('a v2 error body on HTTP 200 is a failure too', async () => {
    const client = await clientFor([{ status: 200, body: v2Error(9722, 'Invalid authorization format.') }]);
    const error = await client.get('/v2/client/config').catch((e: unknown) => e);
    expect(isVppError(error) && error.errorNumber).toBe(9722);
  });
});

describe('answers axios rejects', () => {
  it('an idempotent_ok code on an HTTP 4xx still resolves with that response', async () => {
    const client = await clientFor([
      { status: 400, body: v2Error(9618, 'The user has already been retired.') },
    ]);
    const response = await client.post('/v2/users/retire', { users: [] });
    expect(response.status).toBe(400);
    expect(getDecodedOutcome(response)?.retryClass).toBe('idempotent_ok');
  });
});

import { getRetryInfo, isVppError } from '@vppwatch/core';
import { type ScriptedServer, startScriptedServer } from '@vppwatch/simulator';
import axios, { AxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor } from './index.js';
import { fakeSToken, testEngineOptions, v2Error } from './test-support/fixtures.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const throttledOnce = [
  { status: 429, headers: { 'retry-after': '0' }, body: v2Error(9646, 'Too many requests') },
  { status: 200, body: { eventId: 'e-1' } },
];

describe('attachVppInterceptor', () => {
  it('retries below the interceptors: auth and response interceptors run once per logical request', async () => {
    server = await startScriptedServer(throttledOnce);
    const client = axios.create({ baseURL: `${server.url}/mdm/v2` });
    let authRuns = 0;
    let responseRuns = 0;
    client.interceptors.request.use((config) => {
      authRuns += 1;
      config.headers.set('Authorization', `Bearer ${fakeSToken()}`);
      return config;
    });
    client.interceptors.response.use((response) => {
      responseRuns += 1;
      return response;
    });
    attachVppInterceptor(client, testEngineOptions());

    const response = await client.post('/assets/associate', {
      assets: [{ adamId: '1', pricingParam: 'STDQ' }],
    });

    expect(response.data).toEqual({ eventId: 'e-1' });
    expect(server.requests).toHaveLength(2);
    expect(authRuns).toBe(1);
    expect(responseRuns).toBe(1);
    expect(getRetryInfo(response)?.attempts).toBe(2);
    expect(getRetryInfo(response)?.retryReasons).toEqual(['throttled']);
  });

  it('sends the same body and headers on every attempt, transformed once', async () => {
    server = await startScriptedServer(throttledOnce);
    const client = axios.create({ baseURL: `${server.url}/mdm/v2`, headers: { 'X-Trace-Me': 'yes' } });
    attachVppInterceptor(client, testEngineOptions());
    const body = { assets: [{ adamId: '42', pricingParam: 'STDQ' }], clientUserIds: ['u-1'] };

    await client.post('/assets/associate', body, { headers: { Authorization: `Bearer ${fakeSToken()}` } });

    const [first, second] = server.requests;
    expect(second?.body).toBe(first?.body);
    expect(JSON.parse(first?.body ?? '')).toEqual(body);
    for (const name of ['authorization', 'x-trace-me', 'content-type', 'content-length']) {
      expect(second?.headers[name]).toBe(first?.headers[name]);
    }
  });

  it('detach() restores the adapter exactly and stops handling requests', async () => {
    server = await startScriptedServer([
      { status: 429, headers: { 'retry-after': '0' }, body: v2Error(9646) },
    ]);
    const client = axios.create({ baseURL: `${server.url}/mdm/v2` });
    const before = client.defaults.adapter;
    const interceptorsBefore = [client.interceptors.request, client.interceptors.response].map((m) =>
      JSON.stringify(m),
    );

    const detach = attachVppInterceptor(client, testEngineOptions());
    expect(client.defaults.adapter).not.toBe(before);
    detach();

    expect(client.defaults.adapter).toBe(before);
    expect([client.interceptors.request, client.interceptors.response].map((m) => JSON.stringify(m))).toEqual(
      interceptorsBefore,
    );
    const error = await client.get('/assets').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxiosError);
    expect(isVppError(error)).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a second attach on the same instance, and attaches again after detach', () => {
    const client = axios.create();
    const detach = attachVppInterceptor(client, testEngineOptions());
    expect(() => attachVppInterceptor(client, testEngineOptions())).toThrow(/already has vppwatch attached/);
    detach();
    expect(() => attachVppInterceptor(client, testEngineOptions())()).not.toThrow();
  });

  it('rejects an engine together with engine options', () => {
    const client = axios.create();
    const detach = attachVppInterceptor(client, testEngineOptions());
    detach();
    expect(() =>
      attachVppInterceptor(client, { engine: { execute: async () => null } as never, maxAttempts: 2 }),
    ).toThrow(expect.objectContaining({ code: 'ERR_VPP_INVALID_ARGUMENT' }));
  });

  it('leaves requests to other hosts alone when `hosts` is set', async () => {
    server = await startScriptedServer([
      { status: 429, headers: { 'retry-after': '0' }, body: v2Error(9646) },
    ]);
    const client = axios.create();
    attachVppInterceptor(client, { ...testEngineOptions(), hosts: ['vpp.itunes.apple.com'] });

    const error = await client.get(`${server.url}/mdm/v2/assets`).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AxiosError);
    expect(server.requests).toHaveLength(1);
  });

  it('turns retries off per request with vpp.retry = false but still types the error', async () => {
    server = await startScriptedServer(throttledOnce);
    const client = axios.create({ baseURL: `${server.url}/mdm/v2` });
    attachVppInterceptor(client, testEngineOptions());

    const error = await client.get('/assets', { vpp: { retry: false } }).catch((e: unknown) => e);

    expect(isVppError(error) && error.errorNumber).toBe(9646);
    expect(server.requests).toHaveLength(1);
  });
});

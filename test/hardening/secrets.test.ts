import { Console } from 'node:console';
import { PassThrough, Writable } from 'node:stream';
import { inspect } from 'node:util';
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine, isVppError, type VppError } from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import { type ScriptedReply, type ScriptedServer, startScriptedServer } from '@vppwatch/simulator';
import axios from 'axios';
import type { Got } from 'got';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import winston from 'winston';

const got = (
  Number(process.versions.node.split('.')[0]) >= 22
    ? (await import('got16')).default
    : (await import('got')).default
) as Got;

// Values that must never reach a log line. Each is distinctive, so finding it anywhere proves a leak.
const S_TOKEN = 'eyJleHBEYXRlIjoiMjAzMC0wMS0wMSIsInRva2VuIjoicGxhbnRlZC1zdG9rZW4tN2YzYSJ9';
const EMAIL = 'planted.jane.doe@example.org';
const CLIENT_USER_ID = 'plantcuid-44d2';
const SERIAL = 'C02PLANTED9XQ';
const USER_ID = '7714402931';
const PLANTED = [S_TOKEN, EMAIL, CLIENT_USER_ID, SERIAL, USER_ID, 'Bearer '];

const said = `License for ${EMAIL} (${CLIENT_USER_ID}, user ${USER_ID}) on ${SERIAL}, token ${S_TOKEN}`;

/** Apple answers that echo identifiers, each as a client meets it: by path. */
const ANSWERS: Record<string, ScriptedReply> = {
  '/mdm/v2/assets/associate': {
    status: 400,
    body: {
      errorNumber: 9717,
      errorMessage: said,
      errorInfo: { clientUserIds: [CLIENT_USER_ID], serialNumbers: [SERIAL], assets: [{ adamId: '1' }] },
    },
  },
  '/mdm/manageVPPLicensesByAdamIdSrv': {
    status: 200,
    body: {
      status: -1,
      errorNumber: 9632,
      errorMessage: said,
      licenseAlreadyAssigned: { clientUserIdStr: CLIENT_USER_ID, serialNumber: SERIAL, userId: USER_ID },
      regUsersAlreadyAssigned: [{ email: EMAIL, clientUserIdStr: CLIENT_USER_ID, userId: USER_ID }],
    },
  },
  '/mdm/getVPPUsersSrv': {
    status: 200,
    body: {
      status: -1,
      errorNumber: 9610,
      errorMessage: said,
      associations: [
        { serialNumber: SERIAL, clientUserIdStr: CLIENT_USER_ID, errorNumber: 9610, errorMessage: EMAIL },
      ],
    },
  },
  '/ricloud/session': {
    status: 400,
    body: { error: CLIENT_USER_ID, message: said, params: { email: EMAIL } },
  },
  '/mdm/v2/users': { status: 401, body: { errorNumber: 9625, errorMessage: said } },
  '/mdm/v2/assets': { status: 200, headers: { 'content-type': 'text/html' }, body: `<html>${said}</html>` },
  '/mdm/v2/assignments': {
    status: 429,
    headers: { 'retry-after': '999999999' },
    body: { errorNumber: 9646, errorMessage: said },
  },
  '/mdm/v2/users/update': {
    status: 200,
    body: { errorNumber: 9603, errorMessage: said },
    resetAfterBytes: 10,
  },
  '/mdm/v2/client/config': { status: 503, body: `<html>${said}</html>` },
};
const REQUESTS: { method: 'GET' | 'POST'; path: string; legacy?: boolean }[] = [
  { method: 'POST', path: '/mdm/v2/assets/associate' },
  { method: 'POST', path: '/mdm/manageVPPLicensesByAdamIdSrv', legacy: true },
  { method: 'POST', path: '/mdm/getVPPUsersSrv', legacy: true },
  { method: 'POST', path: '/ricloud/session' },
  { method: 'GET', path: '/mdm/v2/users' },
  { method: 'POST', path: '/mdm/v2/assets' },
  { method: 'GET', path: '/mdm/v2/assignments' },
  { method: 'POST', path: '/mdm/v2/users/update' },
  { method: 'POST', path: '/mdm/v2/client/config' },
];
/** What the caller sends: the sToken in the header (v2) or the body (legacy), identifiers in the body. */
const requestBody = (legacy: boolean) => ({
  ...(legacy ? { sToken: S_TOKEN } : {}),
  clientUserIds: [CLIENT_USER_ID],
  serialNumbers: [SERIAL],
  email: EMAIL,
});

let server: ScriptedServer;
const registry = new Registry();
const payloads: unknown[] = [];
const engine = createVppEngine({
  metrics: { registry },
  tracing: false,
  maxAttempts: 2,
  baseDelayMs: { transient: 1, throttled: 1, retry_later: 1 },
  listeners: {
    attempt: (e) => payloads.push(e),
    retry: (e) => payloads.push(e),
    giveUp: (e) => payloads.push(e),
  },
});
const errors: Record<string, VppError[]> = { axios: [], got: [] };

function keep(adapter: string, error: unknown): void {
  expect(isVppError(error)).toBe(true);
  if (isVppError(error)) errors[adapter]?.push(error);
}

beforeAll(async () => {
  server = await startScriptedServer((request) => ANSWERS[request.url] ?? { status: 404 });
  const viaAxios = axios.create({ baseURL: server.url });
  attachVppInterceptor(viaAxios, { engine });
  const viaGot = got.extend({ prefixUrl: server.url }, vppHooks({ engine }));
  for (const { method, path, legacy = false } of REQUESTS) {
    const headers = legacy ? {} : { authorization: `Bearer ${S_TOKEN}` };
    const data = method === 'POST' ? requestBody(legacy) : undefined;
    await viaAxios.request({ method, url: path, headers, data }).then(
      () => expect.unreachable(`axios ${path} resolved`),
      (e: unknown) => keep('axios', e),
    );
    await viaGot(path.slice(1), { method, headers, ...(data ? { json: data } : {}) }).then(
      () => expect.unreachable(`got ${path} resolved`),
      (e: unknown) => keep('got', e),
    );
  }
});
afterAll(() => server.close());

/** Everything a logger produced, as one text. */
function capture(write: (stream: Writable) => void): string {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  write(stream);
  return chunks.join('');
}

const LOGGERS: Record<string, (error: VppError) => string> = {
  'console.log': (error) =>
    capture((stream) => {
      const out = new PassThrough();
      out.pipe(stream);
      new Console({ stdout: out, stderr: out }).log(error);
      new Console({ stdout: out, stderr: out }).log('failed: %o', error);
      out.end();
    }),
  'console.error': (error) =>
    capture((stream) => new Console({ stdout: stream, stderr: stream }).error({ error })),
  'util.inspect': (error) => inspect(error),
  'util.inspect (showHidden, full depth)': (error) =>
    inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
  'JSON.stringify': (error) => JSON.stringify({ error, cause: error.cause, decoded: error.decoded }),
  pino: (error) =>
    capture((stream) => {
      const logger = pino({ level: 'info' }, stream);
      logger.error(error);
      logger.error({ err: error }, 'Apple call failed');
      logger.error({ error, failures: error.failures }, 'Apple call failed');
    }),
  winston: (error) =>
    capture((stream) => {
      const logger = winston.createLogger({
        format: winston.format.combine(
          winston.format.errors({ stack: true, cause: true }),
          winston.format.json(),
        ),
        transports: [new winston.transports.Stream({ stream })],
      });
      logger.error(error);
      logger.error('Apple call failed', error);
      logger.error('Apple call failed', { error, cause: error.cause });
      const simple = winston.createLogger({
        format: winston.format.simple(),
        transports: [new winston.transports.Stream({ stream })],
      });
      simple.error(error);
      simple.error('Apple call failed', { error });
    }),
};

describe.each(['axios', 'got'])('errors from %s', (adapter) => {
  it('every request failed with a VppError', () => {
    expect(errors[adapter]).toHaveLength(REQUESTS.length);
  });

  it.each(Object.keys(LOGGERS))('logged through %s, show none of the planted values', (name) => {
    for (const error of errors[adapter] ?? []) {
      const text = LOGGERS[name]!(error);
      // Something useful was logged: the error's code and kind.
      expect(text).toContain(error.code);
      for (const secret of PLANTED) expect(text).not.toContain(secret);
    }
  });

  it('keep the raw data reachable on purpose, through unredacted()', () => {
    const all = errors[adapter] ?? [];
    const raw = JSON.stringify(all.map((error) => error.unredacted().failures));
    for (const value of [EMAIL, CLIENT_USER_ID, SERIAL, USER_ID, S_TOKEN]) expect(raw).toContain(value);
    const associate = all[0]!;
    expect(associate.errorNumber).toBe(9717);
    expect(associate.failures[0]?.entities).toBeUndefined();
    expect(associate.unredacted().failures[0]?.entities?.clientUserIds).toEqual([CLIENT_USER_ID]);
    // The riCloud answer's code slot held a clientUserId: it reads as 'other' wherever a closed set is promised.
    expect(all[3]?.errorNumber).toBe('other');
    expect(all[3]?.unredacted().failures[0]?.code).toBe(CLIENT_USER_ID);
    // The underlying client error, with the request and its Authorization header, is still there for code.
    expect(inspect(associate.unredacted().cause, { depth: 6 })).toContain(S_TOKEN);
  });
});

it('listener payloads and the metrics carry none of the planted values either', async () => {
  expect(payloads.length).toBeGreaterThan(0);
  const text = JSON.stringify(payloads) + (await registry.metrics());
  for (const secret of PLANTED) expect(text).not.toContain(secret);
  expect(payloads).toContainEqual(expect.objectContaining({ errorNumber: 'other' }));
});

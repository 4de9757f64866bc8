// The retry strategies the throttle bench compares. Each one is configured through its library's public API, as its
// README shows, and the way a reasonable user would for an API that answers 429 with Retry-After.
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine } from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import axios from 'axios';
import axiosRetry from 'axios-retry';
import got from 'got';
import * as rax from 'retry-axios';

/**
 * @typedef {object} Endpoint
 * @property {string} url      the simulator's base URL
 * @property {string} sToken   the one token every request of the run carries
 */

/**
 * @typedef {object} BenchClient
 * @property {() => Promise<unknown>} getAssets  one logical `GET /mdm/v2/assets`; rejects when the library gives up
 */

/**
 * @typedef {object} Strategy
 * @property {string} id          short key used on the command line and in the JSON
 * @property {string} label       what the table prints
 * @property {string} config      the configuration, in words
 * @property {boolean} [extra]    not a library's recommended setup: shows one vppwatch mechanism on its own
 * @property {(endpoint: Endpoint) => BenchClient} create  a fresh client (and fresh library state) for one run
 */

/** @param {Endpoint} endpoint */
function plainAxios(endpoint) {
  return axios.create({
    baseURL: `${endpoint.url}/mdm/v2`,
    headers: { Authorization: `Bearer ${endpoint.sToken}` },
  });
}

/** @param {import('axios').AxiosInstance} client @returns {BenchClient} */
function axiosClient(client) {
  return { getAssets: () => client.get('/assets') };
}

/**
 * A plain axios client with vppwatch attached, on a fresh engine with these options.
 * @param {Endpoint} endpoint @param {import('@vppwatch/core').VppEngineOptions} [engineOptions] @returns {BenchClient}
 */
export function vppwatchAxiosClient(endpoint, engineOptions = {}) {
  const client = plainAxios(endpoint);
  attachVppInterceptor(client, { engine: createVppEngine(engineOptions) });
  return axiosClient(client);
}

/** @param {Endpoint} endpoint @param {object} [extension] @returns {BenchClient} */
function gotClient(endpoint, extension) {
  const base = {
    prefixUrl: `${endpoint.url}/mdm/v2/`,
    headers: { authorization: `Bearer ${endpoint.sToken}` },
  };
  const client = extension === undefined ? got.extend(base) : got.extend(base, extension);
  return { getAssets: () => client.get('assets') };
}

/** @type {readonly Strategy[]} */
export const STRATEGIES = [
  {
    id: 'axios-retry',
    label: 'axios-retry (defaults)',
    config: 'axiosRetry(client): 3 retries, no delay unless Retry-After, retries 429/5xx on GET',
    create(endpoint) {
      const client = plainAxios(endpoint);
      axiosRetry(client);
      return axiosClient(client);
    },
  },
  {
    id: 'axios-retry-exp',
    label: 'axios-retry (exponentialDelay, 429)',
    config:
      'axiosRetry(client, { retries: 3, retryDelay: exponentialDelay, retryCondition: network/idempotent error or 429 })',
    create(endpoint) {
      const client = plainAxios(endpoint);
      axiosRetry(client, {
        retries: 3,
        retryDelay: axiosRetry.exponentialDelay,
        retryCondition: (error) =>
          axiosRetry.isNetworkOrIdempotentRequestError(error) || error.response?.status === 429,
      });
      return axiosClient(client);
    },
  },
  {
    id: 'retry-axios',
    label: 'retry-axios (429 + Retry-After)',
    config:
      "raxConfig { retry: 3, statusCodesToRetry: [[429,429],[500,599]], checkRetryAfter: true, backoffType: 'exponential' }",
    create(endpoint) {
      const client = plainAxios(endpoint);
      client.defaults.raxConfig = {
        retry: 3,
        statusCodesToRetry: [
          [429, 429],
          [500, 599],
        ],
        checkRetryAfter: true,
        backoffType: 'exponential',
      };
      rax.attach(client);
      return axiosClient(client);
    },
  },
  {
    id: 'got',
    label: 'got 14 (built-in retry)',
    config: 'got.extend({ prefixUrl, headers }): retry defaults (limit 2, 429 retried, Retry-After honoured)',
    create: (endpoint) => gotClient(endpoint),
  },
  {
    id: 'vppwatch-axios',
    label: 'vppwatch (axios-interceptor)',
    config: 'attachVppInterceptor(client, { engine: createVppEngine() }): engine defaults',
    create: (endpoint) => vppwatchAxiosClient(endpoint),
  },
  {
    id: 'vppwatch-axios-reactive',
    label: 'vppwatch (axios, rateLimit: false)',
    config:
      'attachVppInterceptor(client, { engine: createVppEngine({ rateLimit: false }) }): no proactive limiter, so only the shared Retry-After gate, backoff and budget act',
    extra: true,
    create: (endpoint) => vppwatchAxiosClient(endpoint, { rateLimit: false }),
  },
  {
    id: 'vppwatch-got',
    label: 'vppwatch (got-hook)',
    config: 'got.extend({ prefixUrl, headers }, vppHooks({ engine: createVppEngine() })): engine defaults',
    create: (endpoint) => gotClient(endpoint, vppHooks({ engine: createVppEngine() })),
  },
];

/** True for vppwatch's own strategies (the adapters and their variants), false for the libraries compared. @param {string} id */
export function isVppwatchStrategy(id) {
  return id.startsWith('vppwatch');
}

/** @param {string} id @returns {Strategy} */
export function strategyById(id) {
  const found = STRATEGIES.find((s) => s.id === id);
  if (found === undefined)
    throw new Error(`unknown strategy ${id}; known: ${STRATEGIES.map((s) => s.id).join(', ')}`);
  return found;
}

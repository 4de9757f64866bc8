import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What a CommonJS project gets from `require` (Node 20.19+ loads our ESM builds through require(esm)).
const script = `
const core = require('@vppwatch/core');
const { attachVppInterceptor } = require('@vppwatch/axios-interceptor');
const { vppHooks } = require('@vppwatch/got-hook');
const { startSimulator } = require('@vppwatch/simulator');
const decoded = core.decodeResponse({ status: 429, body: { errorNumber: 9646, errorMessage: 'busy' } });
const error = core.vppErrorFromDecoded(decoded);
console.log(JSON.stringify({
  functions: [attachVppInterceptor, vppHooks, startSimulator, core.createVppEngine].map((f) => typeof f),
  retryClass: decoded.retryClass,
  isVppError: core.isVppError(error),
}));
`;

describe('CommonJS users', () => {
  it('require() every package and get the same API as import', () => {
    const cwd = fileURLToPath(new URL('.', import.meta.url));
    const run = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      functions: ['function', 'function', 'function', 'function'],
      retryClass: 'throttled',
      isVppError: true,
    });
  });

  it("a CommonJS app's axios instance sends its headers (the pack check proves it down to axios 1.6)", () => {
    const app = `
const axios = require('axios');
const { attachVppInterceptor } = require('@vppwatch/axios-interceptor');
const { createVppEngine } = require('@vppwatch/core');
const { startSimulator } = require('@vppwatch/simulator');
(async () => {
  const sim = await startSimulator();
  const client = axios.create({ baseURL: sim.url + '/mdm/v2/' });
  attachVppInterceptor(client, { engine: createVppEngine({ metrics: false, tracing: false }) });
  const response = await client.get('assets', { headers: { Authorization: 'Bearer ' + sim.token() } });
  console.log(JSON.stringify({ status: response.status, assets: response.data.assets.length }));
  await sim.close();
})().catch((error) => {
  console.log(JSON.stringify({ error: String(error.message) }));
  process.exit(1);
});
`;
    const cwd = fileURLToPath(new URL('.', import.meta.url));
    const run = spawnSync(process.execPath, ['-e', app], { cwd, encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual({ status: 200, assets: 3 });
  });
});

// Type-checked, never run: what an ESM TypeScript project writes (node16 and bundler resolution).
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import {
  createVppEngine,
  isVppError,
  type RetryClass,
  type VppEngine,
  type VppEngineOptions,
} from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import { startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import got from 'got';

const options: VppEngineOptions = { maxAttempts: 3, metrics: false, tracing: false };
const engine: VppEngine = createVppEngine(options);
const detach: () => void = attachVppInterceptor(axios.create(), { engine });
detach();
const client = got.extend(vppHooks({ engine }));

export async function run(): Promise<RetryClass | null> {
  const sim = await startSimulator();
  try {
    await client.get(`${sim.url}/mdm/v2/assets`, { headers: { authorization: `Bearer ${sim.token()}` } });
    await axios.create().get('x', { vpp: { idempotent: true } });
    return null;
  } catch (error) {
    return isVppError(error) ? error.retryClass : null;
  } finally {
    await sim.close();
  }
}

// Type-checked, never run: a CommonJS TypeScript project (module node16). axios is typed by its CommonJS
// declarations here; the ESM-only vppwatch packages come in through import().

import type { RetryClass } from '@vppwatch/core' with { 'resolution-mode': 'import' };
import axios from 'axios';

export async function run(): Promise<RetryClass | null> {
  const { attachVppInterceptor, axiosStatusPoller } = await import('@vppwatch/axios-interceptor');
  const { createVppEngine, isVppError } = await import('@vppwatch/core');
  const { vppHooks } = await import('@vppwatch/got-hook');
  const { default: got } = await import('got');
  const engine = createVppEngine({ metrics: false });
  // The instance is typed by axios's index.d.cts: it must still be accepted.
  const client = axios.create({ baseURL: 'http://127.0.0.1:1/mdm/v2/' });
  const detach: () => void = attachVppInterceptor(client, { engine });
  const poll: (eventId: string, signal: AbortSignal) => Promise<unknown> = axiosStatusPoller(client);
  void poll;
  detach();
  got.extend(vppHooks({ engine }));
  try {
    await client.get('assets');
    return null;
  } catch (error) {
    return isVppError(error) ? error.retryClass : null;
  }
}

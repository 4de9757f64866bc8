// Type-checked, never run: a CommonJS project whose TypeScript uses bundler resolution (module preserve).
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';
import { createVppEngine, isVppError, type RetryClass } from '@vppwatch/core';
import axios from 'axios';

export async function run(): Promise<RetryClass | null> {
  const client = axios.create();
  attachVppInterceptor(client, { engine: createVppEngine({ tracing: false }) });
  try {
    await client.get('https://vpp.itunes.apple.com/mdm/v2/assets');
    return null;
  } catch (error) {
    return isVppError(error) ? error.retryClass : null;
  }
}

import type { AxiosAdapter, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { adapterFor } from './adapter-of-build.js';
import { axiosTransport } from './axios-transport.js';
import { callerSignalOf } from './caller-signal.js';
import { describeRequest } from './describe-request.js';
import type { NormalizedInterceptorOptions } from './options.js';
import { fullUrlOf } from './request-url.js';

type AdapterSetting = AxiosRequestConfig['adapter'];

/** Adapters this package created, so a second attach on the same instance is caught instead of stacking engines. */
const vppAdapters = new WeakSet<AxiosAdapter>();

/** True when `adapter` is a wrapper made by {@link createVppAdapter}. */
export function isVppAdapter(adapter: unknown): boolean {
  return typeof adapter === 'function' && vppAdapters.has(adapter as AxiosAdapter);
}

/** Switch shared by an adapter and its detach function: a detached wrapper still referenced elsewhere passes through. */
export interface AdapterSwitch {
  active: boolean;
}

/**
 * Wraps the instance's own adapter setting: every handled request becomes one `engine.execute`, whose
 * transport calls the original adapter once per attempt with the logical span active.
 */
export function createVppAdapter(
  original: AdapterSetting,
  options: NormalizedInterceptorOptions,
  state: AdapterSwitch,
): AxiosAdapter {
  const { engine, handles } = options;
  const vppAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) => {
    const adapter = adapterFor(original, config);
    if (!state.active) return adapter(config);
    const url = fullUrlOf(config);
    if (handles !== null && !handles(config, url)) return adapter(config);
    const caller = callerSignalOf(config);
    const transport = axiosTransport(adapter, config);
    const result = engine.execute(describeRequest(config, url, caller.signal), transport);
    return caller.dispose === null ? result : result.finally(caller.dispose);
  };
  vppAdapters.add(vppAdapter);
  return vppAdapter;
}

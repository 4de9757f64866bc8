import type { VppEngine, VppEngineOptions } from '@vppwatch/core';
import { createVppEngine, VppError } from '@vppwatch/core';
import type { InternalAxiosRequestConfig } from 'axios';
import { hostnameOf } from './request-url.js';

/**
 * Options of {@link attachVppInterceptor}: either a shared `engine`, or options for a new one
 * (`createVppEngine` from `@vppwatch/core`: metrics registry, tracing, retry limits…), plus which requests to handle.
 */
export interface VppInterceptorOptions extends VppEngineOptions {
  /** An engine to share (coordinated backoff, budgets and metrics span every client that uses it). */
  readonly engine?: VppEngine;
  /** Handle only requests to these host names (case-insensitive); default: every request of the instance. */
  readonly hosts?: readonly string[];
  /** Handle only requests for which this returns true; a predicate that throws counts as a match. */
  readonly match?: (config: InternalAxiosRequestConfig) => boolean;
}

/** The options once checked: what the wrapped adapter reads on every request. */
export interface NormalizedInterceptorOptions {
  readonly engine: VppEngine;
  /** Null when every request is handled, so the common path costs one comparison. */
  readonly handles: ((config: InternalAxiosRequestConfig, url: string) => boolean) | null;
}

const adapterKeys = new Set(['engine', 'hosts', 'match']);

/** Checks the options once, at attach time; rejects contradictions with `ERR_VPP_INVALID_ARGUMENT`. */
export function normalizeInterceptorOptions(
  options: VppInterceptorOptions = {},
): NormalizedInterceptorOptions {
  const { engine, hosts, match, ...engineOptions } = options;
  const engineKeys = Object.keys(engineOptions).filter((key) => !adapterKeys.has(key));
  if (engine !== undefined && engineKeys.length > 0) {
    throw invalid(
      `pass either "engine" or engine options, not both (got engine and ${engineKeys.join(', ')})`,
    );
  }
  if (engine !== undefined && typeof engine.execute !== 'function') {
    throw invalid('"engine" must come from createVppEngine()');
  }
  if (match !== undefined && typeof match !== 'function') throw invalid('"match" must be a function');
  if (hosts !== undefined && !Array.isArray(hosts)) throw invalid('"hosts" must be an array of host names');
  return {
    engine: engine ?? createVppEngine(engineOptions),
    handles: hosts === undefined && match === undefined ? null : requestFilter(hosts, match),
  };
}

function requestFilter(
  hosts: readonly string[] | undefined,
  match: ((config: InternalAxiosRequestConfig) => boolean) | undefined,
): (config: InternalAxiosRequestConfig, url: string) => boolean {
  const hostSet = hosts === undefined ? null : new Set(hosts.map((host) => String(host).toLowerCase()));
  return (config, url) => {
    if (hostSet !== null) {
      const host = hostnameOf(url);
      if (host === null || !hostSet.has(host)) return false;
    }
    if (match === undefined) return true;
    try {
      return match(config) !== false;
    } catch {
      // A throwing predicate must not break the request; handling it is the safe side (typed errors, backoff).
      return true;
    }
  };
}

function invalid(detail: string): VppError {
  return new VppError({ code: 'ERR_VPP_INVALID_ARGUMENT', message: `attachVppInterceptor: ${detail}` });
}

import { createVppEngine, type VppEngine } from '@vppwatch/core';
import type { VppHooksOptions } from './types.js';

/** {@link VppHooksOptions} after defaults are applied; nothing past the entry point needs `??`. */
export interface NormalizedHooksOptions {
  readonly engine: VppEngine;
  readonly deadlineMs: number | undefined;
}

export function normalizeHooksOptions(options: VppHooksOptions = {}): NormalizedHooksOptions {
  const { deadlineMs } = options;
  if (deadlineMs !== undefined && !(Number.isFinite(deadlineMs) && deadlineMs > 0)) {
    throw new RangeError(`deadlineMs must be a positive number of milliseconds, got ${deadlineMs}`);
  }
  return {
    engine: options.engine ?? createVppEngine(options.engineOptions),
    deadlineMs,
  };
}

import { createVppEngine, type VppEngine, VppError } from '@vppwatch/core';
import type { VppHooksOptions } from './types.js';

/** {@link VppHooksOptions} after defaults are applied; nothing past the entry point needs `??`. */
export interface NormalizedHooksOptions {
  readonly engine: VppEngine;
  readonly deadlineMs: number | undefined;
}

export function normalizeHooksOptions(options: VppHooksOptions = {}): NormalizedHooksOptions {
  const { engine, deadlineMs, ...engineOptions } = options;
  if (engine !== undefined && Object.keys(engineOptions).length > 0) {
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: `pass either "engine" or engine options, not both (got engine and ${Object.keys(engineOptions).join(', ')})`,
    });
  }
  if (deadlineMs !== undefined && !(Number.isFinite(deadlineMs) && deadlineMs > 0)) {
    throw new RangeError(`deadlineMs must be a positive number of milliseconds, got ${deadlineMs}`);
  }
  return {
    // A private engine also enforces the deadline itself; the per-request default below covers a shared one.
    engine:
      engine ?? createVppEngine({ ...engineOptions, ...(deadlineMs === undefined ? {} : { deadlineMs }) }),
    deadlineMs,
  };
}

// The product's winning criteria, as numbers, and how a throttle run is judged against them.

export const TARGETS = Object.freeze({
  /** All logical requests done within this multiple of the ideal wall time. */
  wallRatio: 1.05,
  /** Attempts (physical requests the server saw) per logical request. */
  attemptsPerRequest: 1.1,
  /** Requests inside a Retry-After window already announced to the token. */
  insideWindow: 0,
  /** Adapter CPU time per request on the success path, relative to the bare client. */
  overheadCpuRatio: 1.03,
  /** Replicas sharing one token through the Redis store (bench/replicas.mjs), 15/s, 600 calls. */
  replicas: Object.freeze({ attemptsPerCall: 1.05, throttledShare: 0.01, wallRatio: 1.1 }),
  /** Heap growth (after GC) over the soak runs: 100k calls on one token, 200k tokens with failures. */
  soakHeapMb: 5,
});

/**
 * @param {import('./throttle-run.mjs').RunResult} run
 * @returns {{ allDoneInTime: boolean, attempts: boolean, insideWindow: boolean, all: boolean }}
 */
export function judgeRun(run) {
  const allDoneInTime = run.giveUps === 0 && run.wallRatio <= TARGETS.wallRatio;
  const attempts = run.attemptsPerRequest <= TARGETS.attemptsPerRequest;
  const insideWindow = run.insideWindow <= TARGETS.insideWindow;
  return { allDoneInTime, attempts, insideWindow, all: allDoneInTime && attempts && insideWindow };
}

/** Targets for every vppwatch row of the capacity bench (bench/capacity.mjs). */
export const CAPACITY_TARGETS = Object.freeze({
  /** Logical calls that finally rejected. */
  rejected: 0,
  attemptsPerCall: 1.1,
  /** 429s as a share of attempts. */
  throttledShare: 0.05,
  /** Wall time against the ideal for the real capacity. */
  wallRatio: 1.1,
  /** After capacity returns to 15/s: a 1 s window with >= 0.9 x 15 served, within this long. */
  recoveryMs: 10_000,
});

/**
 * @param {import('./capacity-bench-run.mjs').CapacityRunResult} run
 * @returns {{ rejected: boolean, attempts: boolean, throttled: boolean, wall: boolean, recovery: boolean, all: boolean }}
 */
export function judgeCapacityRun(run) {
  const rejected = run.rejected <= CAPACITY_TARGETS.rejected;
  const attempts = run.attemptsPerCall <= CAPACITY_TARGETS.attemptsPerCall;
  const throttled = run.throttledShare <= CAPACITY_TARGETS.throttledShare;
  const wall = run.wallRatio <= CAPACITY_TARGETS.wallRatio;
  const recovery =
    !run.measuresRecovery || (run.recoveryMs !== null && run.recoveryMs <= CAPACITY_TARGETS.recoveryMs);
  return {
    rejected,
    attempts,
    throttled,
    wall,
    recovery,
    all: rejected && attempts && throttled && wall && recovery,
  };
}

// The replica bench's table and its verdicts against the targets.
import { formatTable } from './table.mjs';
import { TARGETS } from './targets.mjs';

/** @typedef {import('./replica-run.mjs').ReplicaResult & { case: string }} ReplicaRow */

const HEADERS = [
  'case',
  'workers',
  'store',
  'rejected',
  'attempts/call',
  '429s',
  '429 %',
  'in window',
  'wall s',
  'x ideal',
  'redis trips/call',
  'redis cmds/call',
  'turn ms (mean/p99)',
  'store errors',
];

/** @param {readonly ReplicaRow[]} runs */
export function replicaRows(runs) {
  return runs.map((r) => [
    r.case,
    r.workers,
    r.store ? 'redis' : 'none',
    r.rejected,
    r.attemptsPerCall,
    r.throttled,
    (r.throttledShare * 100).toFixed(2),
    r.insideWindow,
    (r.wallMs / 1000).toFixed(1),
    r.wallRatio === null ? '-' : r.wallRatio.toFixed(3),
    r.redisRoundTripsPerCall ?? '-',
    r.redisCommandsPerCall ?? '-',
    r.acquireMs === null ? '-' : `${r.acquireMs.mean}/${r.acquireMs.p99}`,
    r.storeErrors,
  ]);
}

/** @param {readonly ReplicaRow[]} runs */
export function replicaTable(runs) {
  return formatTable(HEADERS, replicaRows(runs));
}

/**
 * Whether a 15/s run with the store meets every replica target.
 * @param {ReplicaRow} run
 */
export function judgeReplicaRun(run) {
  const t = TARGETS.replicas;
  return {
    rejected: run.rejected === 0,
    attempts: run.attemptsPerCall <= t.attemptsPerCall,
    throttled: run.throttledShare <= t.throttledShare,
    insideWindow: run.insideWindow === 0,
    wall: run.wallRatio !== null && run.wallRatio <= t.wallRatio,
  };
}

/** @param {readonly ReplicaRow[]} runs @returns {{ target: string, met: boolean | null, detail: string }[]} */
export function replicaVerdicts(runs) {
  const ours = runs.filter((r) => r.store && r.case === '15/s');
  const t = TARGETS.replicas;
  /** @param {string} target @param {(j: ReturnType<typeof judgeReplicaRun>) => boolean} pick @param {(r: ReplicaRow) => string} show */
  const verdict = (target, pick, show) => {
    const missed = ours.filter((r) => !pick(judgeReplicaRun(r)));
    return {
      target: `replicas with the store: ${target}`,
      met: ours.length === 0 ? null : missed.length === 0,
      detail:
        missed.length === 0
          ? `${ours.map((r) => r.workers).join(', ')} workers`
          : missed.map((r) => `${r.workers} workers: ${show(r)}`).join('; '),
    };
  };
  return [
    verdict(
      '0 calls rejected',
      (j) => j.rejected,
      (r) => `${r.rejected}`,
    ),
    verdict(
      `<= ${t.attemptsPerCall} attempts per call`,
      (j) => j.attempts,
      (r) => `${r.attemptsPerCall}`,
    ),
    verdict(
      `429s <= ${t.throttledShare * 100} % of attempts`,
      (j) => j.throttled,
      (r) => `${r.throttled}`,
    ),
    verdict(
      '0 arrivals inside an announced window (50 ms grace)',
      (j) => j.insideWindow,
      (r) => `${r.insideWindow}`,
    ),
    verdict(
      `wall <= ${t.wallRatio}x ideal`,
      (j) => j.wall,
      (r) => `${r.wallRatio}`,
    ),
  ];
}

// The drop's phase sweep: vppwatch's drop run with capacity returning at several moments (bench/capacity.mjs),
// summarised per adapter and judged. One return time is a draw from the closed loop's cycle at 5/s; the median of
// several is what a user whose capacity comes back at an unknown moment gets (bench/README.md, "Why a sweep").
import { isVppwatchStrategy, strategyById } from './strategies.mjs';
import { formatTable, percent, seconds } from './table.mjs';
import { CAPACITY_TARGETS, judgeCapacityRun } from './targets.mjs';

/** @typedef {import('./capacity-bench-run.mjs').CapacityRunResult} CapacityRunResult */

/** @param {CapacityRunResult} run */
export const isVppwatch = (run) => isVppwatchStrategy(run.strategy);

/** The drop, at the bench's own return time or one of the sweep's. @param {CapacityRunResult} run */
const isDropPhase = (run) => run.case === 'drop' || run.sweepOf === 'drop';

/**
 * The drop's runs of one vppwatch adapter, its own row (capacity back at 25 s) and the phase sweep's, by when
 * capacity returned.
 * @param {readonly CapacityRunResult[]} runs @returns {Map<string, CapacityRunResult[]>}
 */
function dropPhasesByStrategy(runs) {
  const phases = runs.filter((r) => isVppwatch(r) && isDropPhase(r));
  /** @type {Map<string, CapacityRunResult[]>} */
  const by = new Map();
  for (const run of phases) by.set(run.strategy, [...(by.get(run.strategy) ?? []), run]);
  for (const list of by.values()) list.sort((a, b) => (a.returnsAtMs ?? 0) - (b.returnsAtMs ?? 0));
  // Without a sweep there is one phase per adapter: nothing to summarise.
  return new Map([...by].filter(([, list]) => list.some((r) => r.sweepOf === 'drop')));
}

/** @param {readonly number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * @typedef {object} DropSweepStats
 * @property {string} strategy
 * @property {CapacityRunResult[]} phases  by return time
 * @property {number} medianWall
 * @property {CapacityRunResult} worst     the phase with the highest wall
 */

/** Per vppwatch adapter whose drop was swept: its phases, the wall's median and the worst phase. @param {readonly CapacityRunResult[]} runs @returns {DropSweepStats[]} */
export function dropSweepStats(runs) {
  return [...dropPhasesByStrategy(runs)].map(([strategy, phases]) => ({
    strategy,
    phases,
    medianWall: median(phases.map((r) => r.wallRatio)),
    worst: phases.reduce((a, b) => (b.wallRatio > a.wallRatio ? b : a)),
  }));
}

const at = (/** @type {CapacityRunResult} */ run) => `${((run.returnsAtMs ?? 0) / 1000).toFixed(1)}`;

/**
 * The drop's phase sweep, one line per vppwatch adapter: the wall at each return time, its median and worst, and
 * the other targets over every phase. Empty without a sweep.
 * @param {readonly CapacityRunResult[]} runs @returns {string[]}
 */
export function dropSweepSummary(runs) {
  const stats = dropSweepStats(runs);
  if (stats.length === 0) return [];
  const rows = stats.map(({ strategy, phases, medianWall, worst }) => [
    strategyById(strategy).label,
    phases.map((r) => `${at(r)}:${r.wallRatio.toFixed(3)}`).join(' '),
    medianWall.toFixed(3),
    `${worst.wallRatio.toFixed(3)} (${at(worst)} s)`,
    phases.reduce((n, r) => n + r.rejected, 0),
    Math.max(...phases.map((r) => r.attemptsPerCall)).toFixed(2),
    percent(Math.max(...phases.map((r) => r.throttledShare))),
    // A phase that never recovered took forever: the maximum, shown as `never`.
    seconds(Math.max(...phases.map((r) => r.recoveryMs ?? Number.POSITIVE_INFINITY))),
  ]);
  return [
    `The drop with capacity returning at ${phaseCount(stats)} moments (return s: x ideal):`,
    ...formatTable(
      [
        'capacity',
        'x ideal by return',
        'median',
        'worst',
        'rejected',
        'attempts/call max',
        '429 % max',
        'recovery s max',
      ],
      rows,
    ).split('\n'),
  ];
}

/** @param {readonly DropSweepStats[]} stats */
function phaseCount(stats) {
  return Math.max(0, ...stats.map((s) => s.phases.length));
}

/** Every target but the wall, which a swept drop judges on the median. @param {CapacityRunResult} run */
export function meetsBesidesWall(run) {
  const v = judgeCapacityRun(run);
  return v.rejected && v.attempts && v.throttled && v.recovery;
}

/**
 * Which of `runs` have their wall judged on the median of the drop's phases rather than alone: the drop's runs
 * of every adapter whose drop was swept.
 * @param {readonly CapacityRunResult[]} runs @returns {(run: CapacityRunResult) => boolean}
 */
export function wallOnMedian(runs) {
  const swept = new Set(dropPhasesByStrategy(runs).keys());
  return (run) => isDropPhase(run) && swept.has(run.strategy);
}

/**
 * The drop's phase sweep judged: every target but the wall in every phase, and the wall's median (a single phase
 * is a draw; the worst is in the detail, and bench/README.md, "Why a sweep", says why every phase is at the edge).
 * @param {readonly CapacityRunResult[]} runs
 * @returns {{ target: string, met: boolean, detail: string }[]}
 */
export function dropSweepVerdicts(runs) {
  const stats = dropSweepStats(runs);
  if (stats.length === 0) return [];
  const phases = phaseCount(stats);
  const all = stats.flatMap((s) => s.phases);
  const missed = all.filter((r) => !meetsBesidesWall(r));
  return [
    {
      target: `capacity: the drop over ${phases} return phases, 0 rejected, <= ${CAPACITY_TARGETS.attemptsPerCall} attempts per call, 429s <= ${CAPACITY_TARGETS.throttledShare * 100} %, recovery <= ${CAPACITY_TARGETS.recoveryMs / 1000} s in each`,
      met: missed.length === 0,
      detail:
        missed.length === 0
          ? `${all.length} vppwatch runs`
          : missed
              .map(
                (r) =>
                  `${r.strategy}/${r.case}: ${r.rejected} rejected, ${r.attemptsPerCall}, ${percent(r.throttledShare)}, ${seconds(r.recoveryMs)} s`,
              )
              .join('; '),
    },
    {
      target: `capacity: the drop over ${phases} return phases, median wall <= ${CAPACITY_TARGETS.wallRatio}x the ideal`,
      met: stats.every((s) => s.medianWall <= CAPACITY_TARGETS.wallRatio),
      detail: stats
        .map(
          (s) =>
            `${s.strategy}: median ${s.medianWall.toFixed(3)}x, worst ${s.worst.wallRatio.toFixed(3)}x (return at ${at(s.worst)} s)`,
        )
        .join('; '),
    },
  ];
}

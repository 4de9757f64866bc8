// The capacity rows of the bench report: the full table, the summary `pnpm bench` ends with, and its verdicts.
import {
  dropSweepSummary,
  dropSweepVerdicts,
  isVppwatch,
  meetsBesidesWall,
  wallOnMedian,
} from './capacity-sweep.mjs';
import { strategyById } from './strategies.mjs';
import { formatTable, mark, percent, seconds } from './table.mjs';
import { CAPACITY_TARGETS, judgeCapacityRun } from './targets.mjs';

/** @typedef {import('./capacity-bench-run.mjs').CapacityRunResult} CapacityRunResult */

/** A run of one of the bench's own cases (not one of the drop's phase sweep). */
const isRow = (/** @type {CapacityRunResult} */ run) => (run.sweepOf ?? null) === null;

/** @param {CapacityRunResult} run */
function recoveryCell(run) {
  return run.measuresRecovery ? seconds(run.recoveryMs) : '';
}

/** @param {readonly CapacityRunResult[]} runs @param {(id: string) => string} labelOfCase */
export function capacityTable(runs, labelOfCase) {
  const onMedian = wallOnMedian(runs);
  /** A swept drop's phase meets every target but the wall here; its wall is judged on the phases' median. @param {CapacityRunResult} run */
  const meets = (run) =>
    onMedian(run) ? `${mark(meetsBesidesWall(run))}, wall: median` : mark(judgeCapacityRun(run).all);
  return formatTable(
    [
      'case',
      'strategy',
      'calls',
      'rejected',
      'attempts/call',
      '429s',
      '429 % of attempts',
      'in window',
      'wall s',
      'ideal s',
      'x ideal',
      'recovery s',
      'foreign served/sent',
      'meets targets',
    ],
    runs.map((run) => [
      labelOfCase(run.case),
      strategyById(run.strategy).label,
      run.requests,
      run.rejected,
      run.attemptsPerCall.toFixed(2),
      run.throttled,
      percent(run.throttledShare),
      run.insideWindow,
      (run.wallMs / 1000).toFixed(2),
      (run.idealMs / 1000).toFixed(2),
      run.wallRatio.toFixed(3),
      recoveryCell(run),
      run.foreign === null ? '' : `${run.foreign.served}/${run.foreign.sent}`,
      isVppwatch(run) ? meets(run) : '',
    ]),
  );
}

/** @param {readonly number[]} values @param {(v: number) => string} show */
function span(values, show) {
  if (values.length === 0) return 'n/a';
  const lo = show(Math.min(...values));
  const hi = show(Math.max(...values));
  return lo === hi ? lo : `${lo}-${hi}`;
}

/** The summary lines: each vppwatch row against its targets, and the other libraries of the same case as a span. @param {{ runs: CapacityRunResult[] }} capacity */
export function capacitySummary(capacity) {
  const rows = [];
  const onMedian = wallOnMedian(capacity.runs);
  for (const id of new Set(capacity.runs.filter(isRow).map((r) => r.case))) {
    const runs = capacity.runs.filter((r) => r.case === id);
    for (const run of runs.filter(isVppwatch)) {
      const v = judgeCapacityRun(run);
      rows.push([
        strategyById(run.strategy).label,
        id,
        `${run.rejected} ${mark(v.rejected)}`,
        `${run.attemptsPerCall.toFixed(2)} ${mark(v.attempts)}`,
        `${percent(run.throttledShare)} ${mark(v.throttled)}`,
        // A swept drop's wall is judged on the median of its phases (below); this run is one of them.
        `${run.wallRatio.toFixed(3)} ${onMedian(run) ? 'one phase' : mark(v.wall)}`,
        run.measuresRecovery ? `${seconds(run.recoveryMs)} ${mark(v.recovery)}` : '',
      ]);
    }
    const anchors = runs.filter((r) => !isVppwatch(r));
    if (anchors.length > 0)
      rows.push([
        `  anchors, same run (${anchors.length})`,
        id,
        span(
          anchors.map((r) => r.rejected),
          String,
        ),
        span(
          anchors.map((r) => r.attemptsPerCall),
          (v) => v.toFixed(2),
        ),
        span(
          anchors.map((r) => r.throttledShare),
          percent,
        ),
        span(
          anchors.map((r) => r.wallRatio),
          (v) => v.toFixed(3),
        ),
        anchors.some((r) => r.measuresRecovery)
          ? span(
              anchors.map((r) => r.recoveryMs ?? Number.POSITIVE_INFINITY),
              seconds,
            )
          : '',
      ]);
  }
  const table = formatTable(
    [
      'capacity',
      'case',
      `rejected (${CAPACITY_TARGETS.rejected})`,
      `attempts/call (<= ${CAPACITY_TARGETS.attemptsPerCall})`,
      `429s (<= ${CAPACITY_TARGETS.throttledShare * 100} %)`,
      `x ideal (<= ${CAPACITY_TARGETS.wallRatio})`,
      `recovery s (<= ${CAPACITY_TARGETS.recoveryMs / 1000})`,
    ],
    rows,
  ).split('\n');
  const sweep = dropSweepSummary(capacity.runs);
  return sweep.length === 0 ? table : [...table, '', ...sweep];
}

/**
 * One verdict per capacity target, over every vppwatch row. When the drop's phase sweep ran, the drop's wall is
 * judged on the median of its phases instead of the row's single one (a draw: see {@link dropSweepVerdicts}).
 * @param {{ runs: CapacityRunResult[] }} capacity
 * @returns {{ target: string, met: boolean, detail: string }[]}
 */
export function capacityVerdicts(capacity) {
  const ours = capacity.runs.filter((r) => isVppwatch(r) && isRow(r));
  const onMedian = wallOnMedian(capacity.runs);
  const wallJudged = ours.filter((r) => !onMedian(r));
  /** @type {[string, 'rejected' | 'attempts' | 'throttled' | 'wall' | 'recovery', (r: CapacityRunResult) => string][]} */
  const targets = [
    ['capacity: 0 calls rejected', 'rejected', (r) => `${r.rejected}`],
    [
      `capacity: <= ${CAPACITY_TARGETS.attemptsPerCall} attempts per call`,
      'attempts',
      (r) => `${r.attemptsPerCall}`,
    ],
    [
      `capacity: 429s <= ${CAPACITY_TARGETS.throttledShare * 100} % of attempts`,
      'throttled',
      (r) => percent(r.throttledShare),
    ],
    [
      `capacity: wall <= ${CAPACITY_TARGETS.wallRatio}x the ideal for the real capacity${ours.some(onMedian) ? ' (the drop: the median of its phases, below)' : ''}`,
      'wall',
      (r) => `${r.wallRatio}x`,
    ],
    [
      `capacity: back to >= 0.9 x 15/s within ${CAPACITY_TARGETS.recoveryMs / 1000} s of capacity returning`,
      'recovery',
      (r) => `${seconds(r.recoveryMs)} s`,
    ],
  ];
  const rowVerdicts = targets.flatMap(([target, key, show]) => {
    // Recovery is judged on the rows that drop capacity and return it; without one, there is no verdict.
    const judged =
      key === 'recovery' ? ours.filter((r) => r.measuresRecovery) : key === 'wall' ? wallJudged : ours;
    // Recovery needs a drop; the wall has nothing left to judge when the only row was a swept drop.
    if (judged.length === 0 && (key === 'recovery' || key === 'wall')) return [];
    const missed = judged.filter((r) => !judgeCapacityRun(r)[key]);
    return [
      {
        target,
        met: judged.length > 0 && missed.length === 0,
        detail:
          missed.length === 0
            ? `${judged.length} vppwatch rows`
            : missed.map((r) => `${r.strategy}/${r.case}: ${show(r)}`).join('; '),
      },
    ];
  });
  return [...rowVerdicts, ...dropSweepVerdicts(capacity.runs)];
}

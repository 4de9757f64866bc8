// The capacity rows of the bench report: the full table, the summary `pnpm bench` ends with, and its verdicts.
import { strategyById } from './strategies.mjs';
import { formatTable, mark } from './table.mjs';
import { CAPACITY_TARGETS, judgeCapacityRun } from './targets.mjs';

/** @typedef {import('./capacity-bench-run.mjs').CapacityRunResult} CapacityRunResult */

const isVppwatch = (/** @type {CapacityRunResult} */ run) => run.strategy.startsWith('vppwatch');
/** A run of the issue's own rows (not one of the drop's phase sweep). */
const isRow = (/** @type {CapacityRunResult} */ run) => (run.sweepOf ?? null) === null;
const seconds = (/** @type {number | null} */ ms) => (ms === null ? 'never' : (ms / 1000).toFixed(2));
const percent = (/** @type {number} */ share) => `${(share * 100).toFixed(1)} %`;

/** @param {CapacityRunResult} run */
function recoveryCell(run) {
  return run.measuresRecovery ? seconds(run.recoveryMs) : '';
}

/** @param {readonly CapacityRunResult[]} runs @param {(id: string) => string} labelOfCase */
export function capacityTable(runs, labelOfCase) {
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
      isVppwatch(run) ? mark(judgeCapacityRun(run).all) : '',
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
  const swept = new Set(dropPhasesByStrategy(capacity.runs).keys());
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
        `${run.wallRatio.toFixed(3)} ${run.case === 'drop' && swept.has(run.strategy) ? 'one phase' : mark(v.wall)}`,
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
              (v) => (Number.isFinite(v) ? seconds(v) : 'never'),
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
 * The drop's runs of one vppwatch adapter, its own row (capacity back at 25 s) and the phase sweep's, by when
 * capacity returned.
 * @param {readonly CapacityRunResult[]} runs @returns {Map<string, CapacityRunResult[]>}
 */
function dropPhasesByStrategy(runs) {
  const phases = runs.filter((r) => isVppwatch(r) && (r.case === 'drop' || r.sweepOf === 'drop'));
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

/** @param {readonly CapacityRunResult[]} list */
function worstWall(list) {
  return list.reduce((a, b) => (b.wallRatio > a.wallRatio ? b : a));
}

/**
 * The drop's phase sweep, one line per vppwatch adapter: the wall at each return time, its median and worst, and
 * the other targets over every phase. Empty without a sweep.
 * @param {readonly CapacityRunResult[]} runs @returns {string[]}
 */
export function dropSweepSummary(runs) {
  const by = dropPhasesByStrategy(runs);
  if (by.size === 0) return [];
  const rows = [...by].map(([strategy, list]) => {
    const worst = worstWall(list);
    return [
      strategyById(strategy).label,
      list.map((r) => `${((r.returnsAtMs ?? 0) / 1000).toFixed(1)}:${r.wallRatio.toFixed(3)}`).join(' '),
      median(list.map((r) => r.wallRatio)).toFixed(3),
      `${worst.wallRatio.toFixed(3)} (${((worst.returnsAtMs ?? 0) / 1000).toFixed(1)} s)`,
      list.reduce((n, r) => n + r.rejected, 0),
      Math.max(...list.map((r) => r.attemptsPerCall)).toFixed(2),
      percent(Math.max(...list.map((r) => r.throttledShare))),
      seconds(Math.max(...list.map((r) => r.recoveryMs ?? Number.POSITIVE_INFINITY))),
    ];
  });
  return [
    `The drop with capacity returning at ${by.values().next().value?.length ?? 0} moments (return s: x ideal):`,
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

/**
 * One verdict per capacity target, over every vppwatch row. When the drop's phase sweep ran, the drop's wall is
 * judged on the median of its phases instead of the row's single one (a draw: see {@link dropSweepVerdicts}).
 * @param {{ runs: CapacityRunResult[] }} capacity
 * @returns {{ target: string, met: boolean, detail: string }[]}
 */
export function capacityVerdicts(capacity) {
  const ours = capacity.runs.filter((r) => isVppwatch(r) && isRow(r));
  const swept = new Set(dropPhasesByStrategy(capacity.runs).keys());
  const wallJudged = ours.filter((r) => !(r.case === 'drop' && swept.has(r.strategy)));
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
      `capacity: wall <= ${CAPACITY_TARGETS.wallRatio}x the ideal for the real capacity${swept.size > 0 ? ' (the drop: the median of its phases, below)' : ''}`,
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
    if (judged.length === 0 && key === 'recovery') return [];
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

/**
 * The drop's phase sweep judged: every target but the wall in every phase, and the wall's median (a single phase
 * is a draw; the worst is in the detail, and bench/README.md, "Why a sweep", says why no prober holds every phase).
 * @param {readonly CapacityRunResult[]} runs
 * @returns {{ target: string, met: boolean, detail: string }[]}
 */
function dropSweepVerdicts(runs) {
  const by = dropPhasesByStrategy(runs);
  if (by.size === 0) return [];
  const phases = by.values().next().value?.length ?? 0;
  const all = [...by.values()].flat();
  const missed = all.filter((r) => {
    const v = judgeCapacityRun(r);
    return !(v.rejected && v.attempts && v.throttled && v.recovery);
  });
  const medians = [...by].map(([strategy, list]) => ({
    strategy,
    median: median(list.map((r) => r.wallRatio)),
  }));
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
      met: medians.every((m) => m.median <= CAPACITY_TARGETS.wallRatio),
      detail: [...by]
        .map(([strategy, list]) => {
          const worst = worstWall(list);
          const m = medians.find((x) => x.strategy === strategy)?.median ?? 0;
          return `${strategy}: median ${m.toFixed(3)}x, worst ${worst.wallRatio.toFixed(3)}x (return at ${((worst.returnsAtMs ?? 0) / 1000).toFixed(1)} s)`;
        })
        .join('; '),
    },
  ];
}

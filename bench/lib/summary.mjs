// The one summary `pnpm bench` ends with: every ratio next to its same-run baseline, and each target met or not.
import { isVppwatchStrategy, STRATEGIES } from './strategies.mjs';
import { formatTable, mark } from './table.mjs';
import { judgeRun, TARGETS } from './targets.mjs';

/** @typedef {import('./throttle-run.mjs').RunResult} RunResult */

/** @param {readonly number[]} values @param {number} digits */
function span(values, digits) {
  if (values.length === 0) return 'n/a';
  const lo = Math.min(...values).toFixed(digits);
  const hi = Math.max(...values).toFixed(digits);
  return lo === hi ? lo : `${lo}-${hi}`;
}

const isVppwatch = (/** @type {RunResult} */ run) => isVppwatchStrategy(run.strategy);
const isExtra = (/** @type {RunResult} */ run) =>
  STRATEGIES.find((s) => s.id === run.strategy)?.extra === true;
const labelOf = (/** @type {string} */ id) => STRATEGIES.find((s) => s.id === id)?.label ?? id;

/** @param {{ runs: RunResult[], definitions: { ideal: string } }} throttle @returns {string[]} */
export function throttleSummary(throttle) {
  const lines = [throttle.definitions.ideal, ''];
  const rows = [];
  for (const style of new Set(throttle.runs.map((r) => r.retryAfter))) {
    const runs = throttle.runs.filter((r) => r.retryAfter === style);
    for (const run of runs.filter((r) => isVppwatch(r) && !isExtra(r))) {
      const verdict = judgeRun(run);
      rows.push([
        `${labelOf(run.strategy)}`,
        style,
        `${run.wallRatio.toFixed(4)} ${mark(verdict.allDoneInTime)}`,
        `${run.attemptsPerRequest.toFixed(2)} ${mark(verdict.attempts)}`,
        `${run.insideWindow} ${mark(verdict.insideWindow)}`,
        String(run.giveUps),
      ]);
    }
    const anchors = runs.filter((r) => !isVppwatch(r));
    if (anchors.length > 0) {
      rows.push([
        `  anchors, same run (${anchors.length})`,
        style,
        span(
          anchors.map((r) => r.wallRatio),
          3,
        ),
        span(
          anchors.map((r) => r.attemptsPerRequest),
          2,
        ),
        span(
          anchors.map((r) => r.insideWindow),
          0,
        ),
        span(
          anchors.map((r) => r.giveUps),
          0,
        ),
      ]);
    }
  }
  lines.push(
    formatTable(
      [
        'throttle',
        'Retry-After',
        `x ideal (<= ${TARGETS.wallRatio}, no give-up)`,
        `attempts/req (<= ${TARGETS.attemptsPerRequest})`,
        `in window (${TARGETS.insideWindow})`,
        'give-ups',
      ],
      rows,
    ),
  );
  return lines;
}

/** @param {{ results: { label: string, baseline: string, baselineNs: number, decodeBytesNs: number, ratioBytes: number, decodeParsedNs: number, ratioParsed: number }[] }} decode */
export function decodeSummary(decode) {
  return formatTable(
    ['decode', 'baseline ns', 'decode ns (bytes)', 'x baseline', 'decode ns (parsed)', 'x baseline'],
    decode.results.map((r) => [
      r.label,
      r.baselineNs,
      r.decodeBytesNs,
      r.ratioBytes.toFixed(2),
      r.decodeParsedNs,
      r.ratioParsed.toFixed(2),
    ]),
  ).split('\n');
}

/**
 * @param {readonly { name: string, cpuRatio: { path: string, value: number } | null, wallRatio: { path: string, value: number } | null, error?: string }[]} overheads
 */
export function overheadSummary(overheads) {
  return formatTable(
    [
      'overhead (success path)',
      `CPU/request vs bare client (<= ${TARGETS.overheadCpuRatio})`,
      'wall vs bare client',
      'read from',
    ],
    overheads.map((o) => [
      o.name,
      o.cpuRatio === null
        ? `not found${o.error ? `: ${o.error}` : ''}`
        : `${o.cpuRatio.value.toFixed(3)} ${mark(o.cpuRatio.value <= TARGETS.overheadCpuRatio)}`,
      o.wallRatio === null ? 'n/a' : o.wallRatio.value.toFixed(3),
      o.cpuRatio?.path ?? '',
    ]),
  ).split('\n');
}

/**
 * @param {{ heapTargetMb: number, results: readonly { name: string, calls: number, heapBeforeMb: number, heapAfterMb: number, heapDeltaMb: number, seriesBefore: number, seriesAfter: number, met: boolean }[] }} soak
 */
export function soakSummary(soak) {
  return formatTable(
    [
      'soak',
      'calls',
      'heap before MB',
      'heap after MB',
      `growth MB (<= ${soak.heapTargetMb})`,
      'series before/after',
    ],
    soak.results.map((r) => [
      r.name,
      r.calls,
      r.heapBeforeMb.toFixed(2),
      r.heapAfterMb.toFixed(2),
      `${r.heapDeltaMb.toFixed(2)} ${mark(r.heapDeltaMb <= soak.heapTargetMb)}`,
      `${r.seriesBefore}/${r.seriesAfter} ${mark(r.seriesAfter === r.seriesBefore)}`,
    ]),
  ).split('\n');
}

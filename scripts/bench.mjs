#!/usr/bin/env node
// `pnpm bench` (after `pnpm build`): the throttle bench against other retry libraries, the decode bench, and both
// adapters' overhead benches, each in its own process, then one summary with every ratio against its same-run
// baseline and whether each target is met, then the replica bench (worker processes sharing one token through the
// Redis store, against each process on its own). A report, not a test: nothing here fails on a number.
// Usage: node scripts/bench.mjs [--skip throttle,capacity,decode,overhead,soak,replicas]
//        [--throttle-args="--jobs 1 --full"] [--capacity-args="--quick"] [--replicas-args="--workers 1,4 --calls 200"]
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CACHE_DIR, writeResult } from '../bench/lib/cache-dir.mjs';
import { capacitySummary, capacityVerdicts } from '../bench/lib/capacity-summary.mjs';
import { extractJson, findNumber } from '../bench/lib/find-ratio.mjs';
import { replicaTable, replicaVerdicts } from '../bench/lib/replica-summary.mjs';
import { runScript } from '../bench/lib/run-script.mjs';
import { isVppwatchStrategy, STRATEGIES } from '../bench/lib/strategies.mjs';
import { decodeSummary, overheadSummary, soakSummary, throttleSummary } from '../bench/lib/summary.mjs';
import { judgeRun, TARGETS } from '../bench/lib/targets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    skip: { type: 'string', default: '' },
    'throttle-args': { type: 'string', default: '' },
    'capacity-args': { type: 'string', default: '' },
    'replicas-args': { type: 'string', default: '' },
  },
});
const skip = new Set(values.skip.split(',').filter(Boolean));
const section = (/** @type {string} */ title) => console.log(`\n${'='.repeat(8)} ${title} ${'='.repeat(8)}`);
const readCache = (/** @type {string} */ name) => JSON.parse(readFileSync(join(CACHE_DIR, name), 'utf8'));

/** @type {string[]} */
const problems = [];

/**
 * Runs `bench/<name>.mjs` (unless skipped) and reads the JSON it writes to .cache/bench/<name>.json.
 * @param {string} name @param {readonly string[]} [args]
 */
async function benchScript(name, args = []) {
  if (skip.has(name)) return null;
  const script = `bench/${name}.mjs`;
  section(`${name} (${script})`);
  const run = await runScript(root, script, args);
  if (run.code === 0) return readCache(`${name}.json`);
  problems.push(`${script} exited with ${run.code}`);
  return null;
}

const throttle = await benchScript('throttle', values['throttle-args'].split(' ').filter(Boolean));
const capacity = await benchScript('capacity', values['capacity-args'].split(' ').filter(Boolean));
const decode = await benchScript('decode');
const soak = await benchScript('soak');

const overheads = [];
if (!skip.has('overhead')) {
  for (const [name, script] of [
    ['axios-interceptor', 'packages/axios-interceptor/bench/overhead.mjs'],
    ['got-hook', 'packages/got-hook/bench/overhead.mjs'],
  ]) {
    section(`overhead ${name} (${script})`);
    const run = await runScript(root, script);
    const report = extractJson(run.stdout);
    if (report !== null) writeResult(`overhead-${name}.json`, report);
    overheads.push({
      name,
      cpuRatio: findNumber(report, ['ratio', 'cpu']),
      wallRatio: findNumber(report, ['ratio', 'wall']),
      ...(run.code === 0 ? {} : { error: `exited with ${run.code}` }),
      ...(report === null && run.code === 0 ? { error: 'no JSON on stdout' } : {}),
    });
  }
}

const replicas = await benchScript('replicas', values['replicas-args'].split(' ').filter(Boolean));

section(`summary (${availableParallelism()} cores, Node ${process.versions.node}, one run)`);
/** @type {{ target: string, met: boolean | null, detail: string }[]} */
const verdicts = [];
if (throttle !== null) {
  for (const line of throttleSummary(throttle)) console.log(line);
  const ours = throttle.runs.filter(
    (/** @type {import('../bench/lib/throttle-run.mjs').RunResult} */ r) =>
      isVppwatchStrategy(r.strategy) && STRATEGIES.find((s) => s.id === r.strategy)?.extra !== true,
  );
  /** @param {string} target @param {(v: ReturnType<typeof judgeRun>) => boolean} pick @param {(r: import('../bench/lib/throttle-run.mjs').RunResult) => string} show */
  const verdict = (target, pick, show) => {
    const missed = ours.filter((r) => !pick(judgeRun(r)));
    verdicts.push({
      target,
      met: ours.length > 0 && missed.length === 0,
      detail:
        missed.length === 0
          ? `${ours.length} vppwatch runs`
          : missed.map((r) => `${r.strategy}/${r.retryAfter}: ${show(r)}`).join('; '),
    });
  };
  verdict(
    `all requests done within ${TARGETS.wallRatio}x ideal`,
    (v) => v.allDoneInTime,
    (r) => `${r.wallRatio.toFixed(3)}x, ${r.giveUps} give-ups`,
  );
  verdict(
    `<= ${TARGETS.attemptsPerRequest} attempts per logical request`,
    (v) => v.attempts,
    (r) => `${r.attemptsPerRequest}`,
  );
  verdict(
    'zero requests inside an announced window',
    (v) => v.insideWindow,
    (r) => `${r.insideWindow}`,
  );
  console.log('');
}
if (capacity !== null) {
  for (const line of capacitySummary(capacity)) console.log(line);
  verdicts.push(...capacityVerdicts(capacity));
  console.log('');
}
if (decode !== null) {
  for (const line of decodeSummary(decode)) console.log(line);
  console.log('');
}
if (soak !== null) {
  for (const line of soakSummary(soak)) console.log(line);
  console.log('');
  const missed = soak.results.filter((/** @type {{ met: boolean }} */ r) => !r.met);
  verdicts.push({
    target: `heap flat within ${TARGETS.soakHeapMb} MB and metric series bounded over each soak run`,
    met: missed.length === 0,
    detail:
      missed
        .map(
          (
            /** @type {{ name: string, heapDeltaMb: number, seriesBefore: number, seriesAfter: number }} */ r,
          ) => `${r.name}: +${r.heapDeltaMb} MB, series ${r.seriesBefore}->${r.seriesAfter}`,
        )
        .join('; ') || soak.results.map((/** @type {{ name: string }} */ r) => r.name).join(', '),
  });
}
if (overheads.length > 0) {
  for (const line of overheadSummary(overheads)) console.log(line);
  const missing = overheads.filter((o) => o.cpuRatio === null);
  const over = overheads.filter((o) => o.cpuRatio !== null && o.cpuRatio.value > TARGETS.overheadCpuRatio);
  verdicts.push({
    target: `adapter CPU per request within ${Math.round((TARGETS.overheadCpuRatio - 1) * 100)} % of the bare client`,
    met: missing.length > 0 ? null : over.length === 0,
    detail:
      [
        ...over.map((o) => `${o.name}: ${o.cpuRatio?.value}`),
        ...missing.map((o) => `${o.name}: no ratio`),
      ].join('; ') || 'both adapters',
  });
}

if (replicas !== null) {
  console.log(replicaTable(replicas.runs));
  verdicts.push(...replicaVerdicts(replicas.runs));
  console.log('');
}

console.log('\nTargets:');
for (const v of verdicts)
  console.log(`  ${v.met === null ? 'UNKNOWN' : v.met ? 'met   ' : 'MISSED'}  ${v.target} (${v.detail})`);
for (const p of problems) console.log(`  PROBLEM ${p}`);
writeResult('summary.json', { generatedAt: new Date().toISOString(), verdicts, problems, overheads, soak });
console.log(`\nJSON: ${CACHE_DIR}`);

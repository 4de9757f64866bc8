#!/usr/bin/env node
// The whole test suite, as `pnpm test` runs it: lint, typecheck, build, vitest on Node 20 (the running
// Node) and on Node 24, then the pack check (scripts/pack-check.mjs: the packed tarballs installed with npm into
// fresh projects, with the lowest and the newest peer versions), each of whose steps counts as one check. The last line is a plain `N passed, N failed` derived from vitest's JSON reports, because
// CI reads that line and not vitest's own summary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache');
mkdirSync(cache, { recursive: true });
rmSync(join(cache, 'test-summary.txt'), { force: true });

const results = { passed: 0, failed: 0, skipped: 0 };
const breakdown = [];

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`);
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return outcome.status === 0;
}

/** A step that is not a vitest run counts as one check. */
function check(label, command, args) {
  const ok = run(label, command, args);
  if (ok) results.passed += 1;
  else results.failed += 1;
  breakdown.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

function vitest(label, nodeBinary) {
  const report = join(cache, `report-${label}.json`);
  rmSync(report, { force: true });
  const vitestEntry = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  run(`vitest on ${label}`, nodeBinary, [
    vitestEntry,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
  ]);
  if (!existsSync(report)) {
    // A crash before the reporter wrote anything is a failure, never a silent zero.
    results.failed += 1;
    breakdown.push(`vitest on ${label}: no report written (crashed)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failedSuites = (json.testResults ?? []).filter(
    (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
  ).length;
  results.passed += json.numPassedTests;
  results.failed += json.numFailedTests + failedSuites;
  results.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  breakdown.push(
    `vitest on ${label}: ${json.numPassedTests} passed, ${json.numFailedTests + failedSuites} failed` +
      (failedSuites ? ` (${failedSuites} files failed to load)` : ''),
  );
}

/** Node 24 comes from the npm package `node@24`, installed once into .cache (no other download is possible here). */
function node24Binary() {
  const prefix = join(cache, 'node24');
  const binary = join(prefix, 'node_modules', '.bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    run('install node@24 (npm package) into .cache/node24', 'npm', [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      'node@24',
    ]);
  }
  return existsSync(binary) ? binary : null;
}

/**
 * Debian packages some tests need: `prometheus` (promtool and prometheus, for the alert-rule and dashboard tests)
 * and `redis-server` (the redis-store tests start their own). Installed here (as root, where apt-get exists) so
 * that `pnpm test` works on a fresh machine, not only in CI.
 */
function ensureDebianPackages() {
  const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  const missing = [
    ...(has('promtool') && has('prometheus') ? [] : ['prometheus']),
    ...(has('redis-server') ? [] : ['redis-server']),
  ];
  if (missing.length === 0) return;
  if (!has('apt-get') || process.getuid?.() !== 0) {
    console.log(
      `${missing.join(', ')} not found and apt-get unavailable: the tests that need them are skipped (CI fails them)`,
    );
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get update', 'apt-get', ['update', '-qq'], { env });
  run(
    `apt-get install ${missing.join(' ')}`,
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
    { env },
  );
}

ensureDebianPackages();
check('lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
// Build first: each package's typecheck reads its workspace dependencies' declarations from dist/.
const built = check('build', 'pnpm', ['build']);
check('typecheck', 'pnpm', ['typecheck']);

if (built) {
  vitest(`node${process.versions.node.split('.')[0]}`, process.execPath);
  const node24 = node24Binary();
  if (node24) vitest('node24', node24);
  else {
    results.failed += 1;
    breakdown.push('vitest on node24: could not install node@24');
  }
}

/** Each step of the pack check is one check; a run that wrote no results is one failure. */
function packCheck() {
  const file = join(cache, 'pack-check.json');
  rmSync(file, { force: true });
  run('pack check (tarballs, npm installs, lowest and newest peers)', process.execPath, [
    join(root, 'scripts', 'pack-check.mjs'),
  ]);
  if (!existsSync(file)) {
    results.failed += 1;
    breakdown.push('pack check: no results written (crashed)');
    return;
  }
  for (const { label, ok } of JSON.parse(readFileSync(file, 'utf8'))) {
    if (ok) results.passed += 1;
    else results.failed += 1;
    breakdown.push(`pack check, ${label}: ${ok ? 'ok' : 'FAILED'}`);
  }
}

if (built) packCheck();

console.log('\nSummary');
for (const line of breakdown) console.log(`  ${line}`);
const summary =
  `${results.passed} passed, ${results.failed} failed` +
  (results.skipped ? `, ${results.skipped} skipped` : '');
writeFileSync(join(cache, 'test-summary.txt'), `${summary}\n`);
console.log(summary);
process.exitCode = results.failed === 0 ? 0 : 1;

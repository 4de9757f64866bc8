#!/usr/bin/env node
// Interim demo (until the simulator-driven demo lands): decode two responses taken from Apple's documents
// with the `vppwatch` CLI, as a support engineer would.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages', 'core', 'bin', 'vppwatch.js');

const samples = [
  {
    title: 'A v2 call throttled by Apple (HTTP 429, errorNumber 9646, Retry-After: 120)',
    args: ['decode', '-', '--status', '429', '--header', 'Retry-After: 120'],
    body: {
      errorNumber: 9646,
      errorMessage:
        'There are too many requests for the current Organization and the request has been rejected, either due to high server volume or an MDM issue. Use an incremental/exponential backoff strategy to retry the request until successful.',
    },
  },
  {
    title: 'A legacy assignment answered with HTTP 200 but status -1 (9616, license already assigned)',
    args: ['decode', '-', '--status', '200'],
    body: { errorMessage: 'License already assigned', errorNumber: 9616, status: -1 },
  },
];

let failed = false;
for (const sample of samples) {
  console.log(`\n${sample.title}`);
  const out = spawnSync(process.execPath, [cli, ...sample.args], {
    input: JSON.stringify(sample.body),
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  if (out.status !== 0) failed = true;
}
console.log('\n$ vppwatch explain 9646');
if (spawnSync(process.execPath, [cli, 'explain', '9646'], { stdio: 'inherit' }).status !== 0) failed = true;
process.exitCode = failed ? 1 : 0;

#!/usr/bin/env node
// Instructions per successful request, bare client vs the same client with vppwatch, counted by valgrind
// (cachegrind, no cache simulation). CPU time on a 2-core loopback scatters by several percent between two
// identical clients (bench/README.md, "Findings"); an instruction count does not, so it says how much work the
// adapter itself adds, apart from cache and scheduling effects. Each side runs alone in its own process at two
// request counts; the difference between them divided by the difference in requests is the steady-state cost
// per request, with start-up and warm-up cancelled out. JIT compilation and garbage collection are reported
// apart: compiles still happen between the two counts and are a one-time cost, and the GC's share depends on
// where a major collection falls. The headline is the mutator (JavaScript, builtins and runtime) ratio.
// Slow (about 15 minutes), so `pnpm bench` does not run it: `pnpm build && node bench/instructions.mjs`.
// Usage: node bench/instructions.mjs [--low 2000] [--high 6000] [--adapters axios,got] [--got-sides wrapper]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeResult } from './lib/cache-dir.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    low: { type: 'string', default: '2000' },
    high: { type: 'string', default: '6000' },
    adapters: { type: 'string', default: 'axios,got' },
    // Further got sides to price against the same bare run, e.g. `wrapper` (packages/got-hook/bench/one-side.mjs).
    'got-sides': { type: 'string', default: '' },
  },
});
const low = Number(values.low);
const high = Number(values.high);
/**
 * Each adapter's one-side script and its arguments after the server url. Both send one request at a time: with
 * several in flight, how many answers one event-loop turn handles depends on timing, so on a loaded machine two
 * runs of the same bare got side differed by 5 % (8 at a time); one at a time, every request takes the same path.
 * @type {Record<string, { script: string, extra: string[] }>}
 */
const SCRIPTS = {
  axios: { script: 'packages/axios-interceptor/bench/one-side.mjs', extra: [] },
  got: { script: 'packages/got-hook/bench/one-side.mjs', extra: ['1'] },
};

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.log(JSON.stringify({ bench: 'instructions', skipped: 'valgrind is not installed' }));
  process.exit(0);
}

const body = JSON.stringify({
  assets: [{ adamId: '1', pricingParam: 'STDQ', assignedCount: 0 }],
  currentPageIndex: 0,
  size: 1,
  totalPages: 1,
  versionId: 'v1',
  tokenExpirationDate: '2099-01-01T00:00:00Z',
  uId: '1',
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
const work = mkdtempSync(join(tmpdir(), 'vppwatch-instructions-'));

/** @typedef {{ total: number, compiler: number, gc: number }} Counts */
/** @typedef {{ perRequest: number, compilerPerRequest: number, gcPerRequest: number, mutatorPerRequest: number }} Side */

/** TurboFan and Maglev: compiling JavaScript, not running it. */
const COMPILER = /compiler::|maglev::/;
/** The garbage collector: its share moves with where a major collection happens to fall, run to run. */
const GC =
  /Scaveng|Marking|MarkCompact|Sweep|Evacuat|heap::base|GCTracer|Heap::Collect|MemoryAllocator|Compactor/;

/**
 * Instructions from a cachegrind out file: in all, in the JIT compiler and in the GC. `fn=` lines name the
 * function, the number lines after it count.
 * @param {string} path
 * @returns {Counts}
 */
function readCounts(path) {
  const counts = { total: 0, compiler: 0, gc: 0 };
  /** @type {'compiler' | 'gc' | null} */
  let bucket = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('fn=')) {
      bucket = COMPILER.test(line) ? 'compiler' : GC.test(line) ? 'gc' : null;
    } else if (/^\d/.test(line)) {
      const count = Number(line.slice(line.indexOf(' ') + 1));
      counts.total += count;
      if (bucket !== null) counts[bucket] += count;
    }
  }
  return counts;
}

/**
 * @param {string} adapter @param {string} side @param {number} requests
 * @returns {Promise<Counts>}
 */
function countOne(adapter, side, requests) {
  const oneSide = SCRIPTS[adapter];
  if (oneSide === undefined) return Promise.reject(new Error(`unknown adapter ${adapter} (axios or got)`));
  const out = join(work, `${adapter}-${side}-${requests}.out`);
  const args = [
    '--tool=cachegrind',
    '--cache-sim=no',
    `--cachegrind-out-file=${out}`,
    process.execPath,
    // Optimizing compiles then happen at the same call counts as without valgrind's slowdown.
    '--no-concurrent-recompilation',
    // The GC on the main thread: no helper threads whose share depends on scheduling.
    '--single-threaded',
    oneSide.script,
    side,
    String(requests),
    url,
    ...oneSide.extra,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(readCounts(out));
      else
        reject(
          new Error(`valgrind ${adapter} ${side} ${requests} exited with ${code}: ${stderr.slice(-500)}`),
        );
    });
  });
}

/** @type {Record<string, unknown>} */
const report = { bench: 'instructions per request (valgrind)', node: process.versions.node, low, high };
try {
  for (const adapter of values.adapters.split(',')) {
    /** @param {string} side @returns {Promise<Side>} */
    const measure = async (side) => {
      // One process at a time: the machine is shared, and valgrind is heavy.
      const a = await countOne(adapter, side, low);
      const b = await countOne(adapter, side, high);
      /** @param {keyof Counts} key */
      const per = (key) => Math.round((b[key] - a[key]) / (high - low));
      const result = {
        perRequest: per('total'),
        compilerPerRequest: per('compiler'),
        gcPerRequest: per('gc'),
        mutatorPerRequest: per('total') - per('compiler') - per('gc'),
      };
      console.error(`${adapter} ${side}: ${JSON.stringify(result)}`);
      return result;
    };
    const bare = await measure('bare');
    /** @param {Side} side */
    const against = (side) => ({
      mutatorAddedPerRequest: side.mutatorPerRequest - bare.mutatorPerRequest,
      ratio: {
        mutator: +(side.mutatorPerRequest / bare.mutatorPerRequest).toFixed(4),
        withGc: +(
          (side.mutatorPerRequest + side.gcPerRequest) /
          (bare.mutatorPerRequest + bare.gcPerRequest)
        ).toFixed(4),
        all: +(side.perRequest / bare.perRequest).toFixed(4),
      },
    });
    const vppwatch = await measure('vppwatch');
    /** @type {Record<string, unknown>} */
    const result = { bare, vppwatch, ...against(vppwatch) };
    const extra = adapter === 'got' ? values['got-sides'].split(',').filter(Boolean) : [];
    for (const name of extra) {
      const side = await measure(name);
      result[name] = { ...side, ...against(side) };
    }
    report[adapter] = result;
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
writeResult('instructions.json', report);
console.log(JSON.stringify(report, null, 2));

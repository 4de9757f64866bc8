#!/usr/bin/env node
// Packs every package as it would be published, checks each tarball (publint, @arethetypeswrong/cli with the
// ESM-only profile, our own publishing rules), then installs the tarballs with npm into fresh projects outside the
// workspace, once with the lowest and once with the newest peer versions the ranges admit, and runs an ESM app, a
// CommonJS app (both against the simulator on 127.0.0.1) and `tsc --noEmit` in four set-ups.
// Every step is one check; the results go to .cache/pack-check.json for scripts/test-all.mjs.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowestOf } from './pack-check/peer-ranges.mjs';
import { checkTarball } from './pack-check/tarball-rules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache');
const work = join(cache, 'pack');
const node24 = join(cache, 'node24', 'node_modules', '.bin', 'node');
const results = [];

/** A step that hangs fails after this long instead of holding CI up. */
const STEP_TIMEOUT_MS = 300_000;

function exec(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      timeout: STEP_TIMEOUT_MS,
      ...options,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

/** Runs one step, prints its outcome (with its output when it failed) and records it as one check. */
async function step(label, run) {
  const started = Date.now();
  let outcome;
  try {
    outcome = await run();
  } catch (error) {
    outcome = { ok: false, output: String(error?.stack ?? error) };
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)`);
  if (!outcome.ok) console.log(outcome.output.trim().replace(/^/gm, '     '));
  else if (outcome.report) console.log(`     ${outcome.output.trim().split('\n').at(-1)}`);
  results.push({ label, ok: outcome.ok });
  return outcome.ok;
}

const packageDirs = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name));
const manifests = packageDirs.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
const tarballDir = join(work, 'tarballs');

/** Every peer range, merged over the packages (they must agree: the same peer has one range everywhere). */
function peerRanges() {
  const ranges = {};
  for (const manifest of manifests) {
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
      if (ranges[name] !== undefined && ranges[name] !== range) {
        throw new Error(`${name} has two peer ranges: ${ranges[name]} and ${range}`);
      }
      ranges[name] = range;
    }
  }
  return ranges;
}

const ranges = peerRanges();
const ROWS = [
  {
    name: 'lowest',
    // got 14 runs on Node 20 and 24; got 15+ and the OTel 3.x SDK need Node 22+.
    nodes: [process.execPath, node24],
    peers: Object.fromEntries(Object.entries(ranges).map(([name, range]) => [name, lowestOf(range)])),
    // The newest OTel SDK that accepts @opentelemetry/api 1.4 (2.x declares it but cannot export spans with it),
    // under the name the apps import.
    tools: [
      '@opentelemetry/sdk-trace@npm:@opentelemetry/sdk-trace-base@1.15.2',
      '@opentelemetry/context-async-hooks@1.15.2',
      '@opentelemetry/sdk-metrics@1.15.2',
      '@types/node@^20.19.0',
      'typescript@~5.9.3',
    ],
  },
  {
    name: 'newest',
    nodes: [node24],
    peers: ranges,
    tools: [
      '@opentelemetry/sdk-trace@latest',
      '@opentelemetry/context-async-hooks@latest',
      '@opentelemetry/sdk-metrics@latest',
      '@types/node@^24',
      'typescript@~5.9.3',
    ],
  },
];

/** npm's own entry script, so that npm can run on another Node than the one on the PATH. */
function npmCli() {
  return realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
}

async function runRow(row, tarballs) {
  const dir = mkdtempSync(join(tmpdir(), `vppwatch-consumer-${row.name}-`));
  try {
    cpSync(join(root, 'scripts', 'consumer'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: `vppwatch-consumer-${row.name}`, private: true, type: 'module' }, null, 2)}\n`,
    );
    const specs = [
      ...tarballs,
      ...Object.entries(row.peers).map(([name, version]) => `${name}@${version}`),
      ...row.tools,
    ];
    const installed = await step(
      `npm install, ${row.name} peers (${Object.entries(row.peers)
        .map(([n, v]) => `${n}@${v}`)
        .join(', ')})`,
      () =>
        // npm skips versions whose engines do not fit the Node running it: it runs on the row's newest Node.
        exec(
          row.nodes.at(-1),
          [npmCli(), 'install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs],
          // npm's own cache (~/.npm) is shared by both rows and kept between runs on a machine.
          { cwd: dir },
        ),
    );
    if (!installed) return;
    const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const node of row.nodes) {
      const version = (await exec(node, ['--version'])).output.trim();
      await step(`ESM app against the simulator (${row.name}, node ${version})`, () =>
        exec(node, ['app.mjs'], { cwd: dir }).then((r) => ({ ...r, report: true })),
      );
      await step(`CommonJS app against the simulator (${row.name}, node ${version})`, () =>
        exec(node, ['cjs/app.cjs'], { cwd: dir }).then((r) => ({ ...r, report: true })),
      );
    }
    for (const [label, project] of [
      ['ESM, node16, skipLibCheck off, optional peers absent', 'tsconfig.esm-node16.json'],
      ['ESM, bundler', 'tsconfig.esm-bundler.json'],
      ['CommonJS, node16', 'cjs/tsconfig.node16.json'],
      ['CommonJS, bundler', 'cjs/tsconfig.bundler.json'],
    ]) {
      await step(`tsc --noEmit, ${label} (${row.name})`, () =>
        exec(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: dir }),
      );
    }
  } finally {
    if (!process.env.PACK_CHECK_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`     kept ${dir}`);
  }
}

rmSync(work, { recursive: true, force: true });
mkdirSync(tarballDir, { recursive: true });
rmSync(join(cache, 'pack-check.json'), { force: true });

const packed = await step(`pnpm pack (${manifests.map((m) => m.name).join(', ')})`, async () => {
  for (const dir of packageDirs) {
    const outcome = await exec('pnpm', ['pack', '--pack-destination', tarballDir], { cwd: dir });
    if (!outcome.ok) return outcome;
  }
  return {
    ok: readdirSync(tarballDir).length === packageDirs.length,
    output: readdirSync(tarballDir).join('\n'),
  };
});

if (packed) {
  const tarballs = readdirSync(tarballDir).map((file) => join(tarballDir, file));
  const attw = join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
  // The tarball checks and the two matrix rows run side by side: installs wait on the network, checks on the CPU.
  await Promise.all([
    (async () => {
      for (const tarball of tarballs) {
        const name = tarball.split('/').pop();
        await step(`publint --strict ${name}`, () => checkTarball.publint(tarball));
        await step(`attw --profile esm-only ${name}`, () =>
          exec(process.execPath, [attw, tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color']),
        );
        await step(`publishing rules ${name}`, () => checkTarball.rules(tarball));
      }
    })(),
    ...ROWS.map((row) => runRow(row, tarballs)),
  ]);
}

mkdirSync(cache, { recursive: true });
writeFileSync(join(cache, 'pack-check.json'), `${JSON.stringify(results, null, 2)}\n`);
const failed = results.filter((r) => !r.ok).length;
console.log(`pack check: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

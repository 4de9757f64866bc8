import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSimulatorCli } from './cli.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(pkg, 'bin', 'vppwatch-sim.js');

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
  });
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

async function busyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, close: () => new Promise((r) => server.close(() => r())) };
}

describe('vppwatch-sim as a real process', () => {
  beforeAll(() => {
    // The bin imports dist/; build it (and core's, if missing) so the test runs the shipped code.
    const tsc = join(pkg, '..', '..', 'node_modules', '.bin', 'tsc');
    const core = join(pkg, '..', 'core');
    if (!existsSync(join(core, 'dist', 'index.js')))
      execFileSync(tsc, ['-p', join(core, 'tsconfig.build.json')]);
    execFileSync(tsc, ['-p', join(pkg, 'tsconfig.build.json')]);
  }, 120_000);

  it('prints exactly one line, serves, and exits 0 on SIGTERM', async () => {
    const proc = run(['--port', '0', '--scenario', 'throttle', '--seed', '3']);
    const line = await proc.firstLine;
    const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    expect(match).not.toBeNull();
    const res = await fetch(`${match?.[1]}/mdm/v2/service/config`);
    expect(res.status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output().stdout).toBe(`${line}\n`);
  });

  it('exits 2 with one line on bad usage', async () => {
    const proc = run(['--bogus']);
    expect(await proc.exited).toBe(2);
    expect(proc.output().stderr.trim().split('\n')).toHaveLength(1);
    expect(proc.output().stderr).toMatch(/unknown argument --bogus/);
  });

  it('exits 1 with a clear line when the port is taken', async () => {
    const busy = await busyPort();
    try {
      const proc = run(['--port', String(busy.port)]);
      expect(await proc.exited).toBe(1);
      expect(proc.output().stderr.trim()).toBe(`vppwatch-sim: port ${busy.port} is already in use`);
    } finally {
      await busy.close();
    }
  });
});

describe('runSimulatorCli in-process', () => {
  it.each([
    [['--port']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--scenario', 'chaos']],
    [['--seed', '-1']],
  ])('rejects %j with exit code 2', async (argv) => {
    const err: string[] = [];
    expect(await runSimulatorCli(argv, { stdout: () => {}, stderr: (l) => err.push(l) })).toBe(2);
    expect(err).toHaveLength(1);
  });

  it('starts, prints its URL and stops when told to', async () => {
    const out: string[] = [];
    let stop = () => {};
    const stopped = new Promise<void>((r) => {
      stop = r;
    });
    const done = runSimulatorCli(['--scenario', 'maintenance'], {
      stdout: (l) => out.push(l),
      stderr: () => {},
      stopped,
    });
    while (out.length === 0) await new Promise((r) => setTimeout(r, 5));
    const url = out[0]?.replace('listening on ', '');
    const res = await fetch(`${url}/mdm/v2/assets`, { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(503);
    stop();
    expect(await done).toBe(0);
    await expect(fetch(`${url}/mdm/v2/service/config`)).rejects.toThrow();
  });
});

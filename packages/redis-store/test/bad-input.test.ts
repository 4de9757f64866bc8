import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@vppwatch/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/index.js';
import { freePort, type RedisServer, startRedisServer } from '../src/testing/redis-server.js';

// The fixture runs the built packages in a plain Node process, as an application would.
const fixture = fileURLToPath(new URL('./fixtures/bad-input.mjs', import.meta.url));
const PASSWORD = 's3cret-Redis-pass';
let redis: RedisServer;
let sim: Simulator;
let http: Server;
let httpPort: number;

beforeAll(async () => {
  redis = await startRedisServer({ password: PASSWORD });
  sim = await startSimulator();
  http = createServer((_, res) => res.end('<html>not redis</html>'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpPort = (http.address() as { port: number }).port;
});

afterAll(async () => {
  await redis?.stop();
  await sim?.close();
  await new Promise((resolve) => http?.close(resolve));
});

interface Report {
  created: boolean;
  code: string | null;
  message: string | null;
  shared: boolean | null;
  call: number | null;
  warnings: string[];
}

/**
 * Runs the fixture (asynchronously: the simulator answers from this process). A process that does not exit by
 * itself within 20 s is killed and fails the test (status null).
 */
async function runApp(url: string): Promise<{ report: Report; status: number | null; output: string }> {
  const child = spawn(process.execPath, [fixture, url, sim.url, sim.token()], { stdio: 'pipe' });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  clearTimeout(timer);
  const line = stdout.trim().split('\n').pop() || '{}';
  return { report: JSON.parse(line) as Report, status, output: stdout + output };
}

describe('bad input never crashes the application nor keeps it alive', () => {
  it('an unreachable URL: the documented fallback, the call succeeds, one warning, the process exits', async () => {
    const { report, status } = await runApp(`redis://127.0.0.1:${await freePort()}`);
    expect(status).toBe(0);
    expect(report).toMatchObject({ created: true, shared: false, call: 200, code: null });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/Redis is unavailable \(unavailable\)/);
  });

  it('a wrong password: ERR_VPP_STORE, without the password, and the process exits', async () => {
    const { report, status, output } = await runApp(`redis://:wrong-${PASSWORD}@127.0.0.1:${redis.port}`);
    expect(status).toBe(0);
    expect(report.code).toBe('ERR_VPP_STORE');
    expect(report.message).toMatch(/credentials/);
    expect(output).not.toContain(PASSWORD);
  });

  it('no password where one is required: ERR_VPP_STORE', async () => {
    const { report, status } = await runApp(`redis://127.0.0.1:${redis.port}`);
    expect(status).toBe(0);
    expect(report.code).toBe('ERR_VPP_STORE');
  });

  it('a port that does not speak Redis: ERR_VPP_STORE, and the process exits', async () => {
    const { report, status } = await runApp(`redis://127.0.0.1:${httpPort}`);
    expect(status).toBe(0);
    expect(report.code).toBe('ERR_VPP_STORE');
    expect(report.message).toMatch(/does not speak the Redis protocol/);
  });

  it('the right password: shared mode, and the process exits after close()', async () => {
    const { report, status } = await runApp(redis.url);
    expect(status).toBe(0);
    expect(report).toMatchObject({ created: true, shared: true, call: 200, code: null, warnings: [] });
  });
});

describe('bad options', () => {
  it.each([
    [{}, /exactly one/],
    [{ url: 'http://127.0.0.1:6379' }, /redis:\/\//],
    [{ url: 'redis://127.0.0.1:6379', client: {} }, /exactly one/],
    [{ client: { sendCommand: 1 } }, /node-redis client/],
    [{ url: 'redis://127.0.0.1:6379', fallbackShare: 0 }, /fallbackShare/],
    [{ url: 'redis://127.0.0.1:6379', keyPrefix: 'a{b}' }, /keyPrefix/],
    [{ url: 'redis://127.0.0.1:6379', commandTimeoutMs: -1 }, /commandTimeoutMs/],
  ])('%j is refused with ERR_VPP_INVALID_ARGUMENT', async (options, message) => {
    await expect(createRedisStore(options as never)).rejects.toMatchObject({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: expect.stringMatching(message),
    });
  });
});

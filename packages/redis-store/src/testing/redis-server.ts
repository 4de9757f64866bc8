import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Port to listen on; default: a free one. */
  readonly port?: number;
  /** `requirepass`: clients must authenticate with this password. */
  readonly password?: string;
  /** The binary; default `redis-server` on PATH. */
  readonly binary?: string;
}

/** A `redis-server` this process started: persistence off, loopback only. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` (with the password when one was set). */
  readonly url: string;
  /** Kills the server (SIGKILL by default: a crash, not a shutdown); resolves when it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port, empty (nothing was persisted). */
  restart(): Promise<void>;
  /** Stops it; safe to call twice. */
  stop(): Promise<void>;
}

/** Whether `redis-server` can be run here. */
export function hasRedisServer(binary = 'redis-server'): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Debian's `redis-server` on 127.0.0.1 with persistence off (`--save '' --appendonly no`), for tests,
 * benches and the demo. Resolves once it accepts connections.
 *
 * @example
 * ```ts
 * const redis = await startRedisServer();
 * const store = await createRedisStore({ url: redis.url });
 * // …
 * await store.close();
 * await redis.stop();
 * ```
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const binary = options.binary ?? 'redis-server';
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
    ...(options.password === undefined ? [] : ['--requirepass', options.password]),
  ];
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = await launch(binary, args, port);
  };
  await start();
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      // Unreferenced while it runs (it must not keep its parent alive); waiting for its exit must keep it alive.
      running.ref();
      running.kill(signal);
    });
  };
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    kill,
    restart: start,
    stop: () => kill('SIGTERM'),
  };
}

/** Spawns the server and waits until it answers PING, or fails with what it printed. */
async function launch(binary: string, args: readonly string[], port: number): Promise<ChildProcess> {
  const child = spawn(binary, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.trim()}`)));
  });
  exited.catch(() => undefined);
  // Bounded: 100 tries 50 ms apart.
  for (let i = 0; i < 100; i++) {
    const ready = await Promise.race([pingable(port), exited]);
    if (ready) {
      // Its pipes must not keep the parent alive once the server is gone.
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      return child;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}: ${output.trim()}`);
}

/** True when something on the port answers a Redis PING (`+PONG`, or `-NOAUTH` with a password). */
async function pingable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(/^[+-]/.test(data.toString())));
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

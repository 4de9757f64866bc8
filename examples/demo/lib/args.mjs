/** The demo's command line; every bad value is a one-line usage error, never a stack trace. */
export const USAGE =
  'usage: pnpm demo [--seed N] [--duration SECONDS] [--ops N] [--port N] [--serve] [--quiet]\n' +
  '       pnpm demo --replicas N [--redis URL] [--ops N]   (N worker processes on one organization, without and with the Redis store)';

export class UsageError extends Error {}

/**
 * @param {string[]} argv
 * @returns {{ seed: number, durationS: number, ops: number | null, port: number, serve: boolean, quiet: boolean, help: boolean, replicas: number, redis: string | null }}
 */
export function parseArgs(argv) {
  const options = {
    seed: 7,
    durationS: 45,
    ops: /** @type {number | null} */ (null),
    port: 9464,
    serve: false,
    quiet: false,
    help: false,
    replicas: 0,
    redis: /** @type {string | null} */ (null),
  };
  const numeric = {
    '--seed': 'seed',
    '--duration': 'durationS',
    '--ops': 'ops',
    '--port': 'port',
    '--replicas': 'replicas',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--serve') options.serve = true;
    else if (arg === '--redis') {
      const url = argv[++i];
      if (!url || !/^rediss?:\/\//.test(url)) throw new UsageError('--redis needs a redis:// URL');
      options.redis = url;
    } else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg in numeric) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new UsageError(`${arg} needs a whole number`);
      options[numeric[arg]] = value;
    } else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (options.port > 65535) throw new UsageError('--port must be at most 65535');
  if (options.ops !== null && options.ops < 1) throw new UsageError('--ops must be at least 1');
  if (options.replicas > 32) throw new UsageError('--replicas must be at most 32');
  if (options.redis !== null && options.replicas === 0)
    throw new UsageError('--redis goes with --replicas N');
  if (options.durationS < 1) throw new UsageError('--duration must be at least 1 second');
  return options;
}

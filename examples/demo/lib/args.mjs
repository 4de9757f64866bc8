/** The demo's command line; every bad value is a one-line usage error, never a stack trace. */
export const USAGE =
  'usage: pnpm demo [--seed N] [--duration SECONDS] [--ops N] [--port N] [--serve] [--quiet]';

export class UsageError extends Error {}

/**
 * @param {string[]} argv
 * @returns {{ seed: number, durationS: number, ops: number, port: number, serve: boolean, quiet: boolean, help: boolean }}
 */
export function parseArgs(argv) {
  const options = { seed: 7, durationS: 45, ops: 1200, port: 9464, serve: false, quiet: false, help: false };
  const numeric = { '--seed': 'seed', '--duration': 'durationS', '--ops': 'ops', '--port': 'port' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--serve') options.serve = true;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg in numeric) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new UsageError(`${arg} needs a whole number`);
      options[numeric[arg]] = value;
    } else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (options.port > 65535) throw new UsageError('--port must be at most 65535');
  if (options.ops < 1) throw new UsageError('--ops must be at least 1');
  if (options.durationS < 1) throw new UsageError('--duration must be at least 1 second');
  return options;
}

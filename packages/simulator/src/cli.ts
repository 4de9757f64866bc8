import { isScenarioName, SCENARIO_NAMES } from './faults/scenarios.js';
import type { ScenarioName } from './faults/types.js';
import { startSimulator } from './server.js';

const USAGE = `usage: vppwatch-sim [--port N] [--scenario ${SCENARIO_NAMES.join('|')}] [--seed N]`;

/** Where the CLI writes, and what stops it; injectable so tests can run it in-process. */
export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Resolves when the simulator should stop. @default SIGINT or SIGTERM */
  readonly stopped?: Promise<void>;
}

interface CliArgs {
  port: number;
  scenario: ScenarioName;
  seed: number;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = { port: 0, scenario: 'none', seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--port' && flag !== '--scenario' && flag !== '--seed') return `unknown argument ${flag}`;
    if (value === undefined) return `${flag} needs a value`;
    i += 1;
    if (flag === '--scenario') {
      if (!isScenarioName(value)) return `unknown scenario ${value}`;
      args.scenario = value;
      continue;
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || (flag === '--port' && n > 65535))
      return `${flag} must be a whole number, got ${value}`;
    if (flag === '--port') args.port = n;
    else args.seed = n;
  }
  return args;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * The `vppwatch-sim` command: prints one line `listening on http://127.0.0.1:PORT` and serves until
 * SIGINT/SIGTERM. Exit codes: 0 after a clean stop, 1 when the port is taken, 2 on bad usage.
 *
 * @example
 * // vppwatch-sim --port 8080 --scenario throttle --seed 7
 * process.exitCode = await runSimulatorCli(process.argv.slice(2));
 */
export async function runSimulatorCli(argv: readonly string[], io?: CliIo): Promise<number> {
  const out = io?.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io?.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`vppwatch-sim: ${args} (${USAGE})`);
    return 2;
  }
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({ port: args.port, scenario: args.scenario, seed: args.seed });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err(
      code === 'EADDRINUSE'
        ? `vppwatch-sim: port ${args.port} is already in use`
        : `vppwatch-sim: could not start: ${(error as Error).message}`,
    );
    return 1;
  }
  const stopped = io?.stopped ?? untilSignal();
  out(`listening on ${sim.url}`);
  await stopped;
  await sim.close();
  return 0;
}

import { PACKAGE_INFO } from '../shared/package-info.js';
import { parseArgs } from './args.js';
import { runCatalog } from './catalog-diff.js';
import { runDecode } from './decode.js';
import { runExplain } from './explain.js';
import { type CliIo, UsageError } from './io.js';
import { runList } from './list.js';

export type { CliIo } from './io.js';

const HELP = `Usage: vppwatch <command> [options]

Commands:
  explain <code> [--json]       What an Apple VPP / Apps and Books (or riCloud) error code means
  decode [file|-] [--json]      Decode a saved response body (stdin when the file is - or absent)
      --status N                The HTTP status the body came with
      --header "Name: value"    A response header (repeatable), e.g. "Retry-After: 120"
  list [--json]                 The whole error catalog
  catalog diff <file|-> [--json]
                                Compare a saved service/config or VPPServiceConfigSrv answer with the
                                catalog: codes missing from it, codes Apple does not list, other wordings

Options:
  --version                     Print the version of @vppwatch/core
  --help                        Print this help

Exit status: 0 success, 1 failure (catalog diff: the lists differ), 2 bad usage, bad input or unknown code.
`;

/**
 * Runs the `vppwatch` command line and resolves with its exit status; never throws and never prints a stack.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['explain', '9646', '--json'], process);
 * ```
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout.write(`${PACKAGE_INFO.version}\n`);
      return 0;
    }
    const args = parseArgs(rest);
    if (command === undefined) throw new UsageError('missing command; try vppwatch --help');
    if (command === '--help' || command === '-h' || command === 'help' || args.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (command === 'explain') return runExplain(args, io);
    if (command === 'decode') return await runDecode(args, io);
    if (command === 'list') return runList(args, io);
    if (command === 'catalog') return await runCatalog(args, io);
    throw new UsageError(`unknown command ${JSON.stringify(command.slice(0, 40))}; try vppwatch --help`);
  } catch (error) {
    const usage = error instanceof UsageError;
    io.stderr.write(`vppwatch: ${oneLine(error)}\n`);
    return usage ? 2 : 1;
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? 'failed';
}

import { UsageError } from './io.js';

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly json: boolean;
  readonly help: boolean;
  readonly status: number | null;
  readonly headers: readonly string[];
}

/** A small hand parser: the CLI has four flags, not worth a dependency. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const headers: string[] = [];
  let json = false;
  let help = false;
  let status: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--json') json = true;
    else if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--status') status = parseStatus(takeValue());
    else if (flag === '--header' || flag === '-H') headers.push(takeValue());
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
    else positionals.push(arg);
  }
  return { positionals, json, help, status, headers };
}

function parseStatus(value: string): number {
  if (!/^\d{3}$/.test(value) || Number(value) < 100 || Number(value) > 599) {
    throw new UsageError('--status must be an HTTP status between 100 and 599');
  }
  return Number(value);
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `"Name: value"` lines into a header record. */
export function parseHeaderLines(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at <= 0) throw new UsageError(`--header must look like "Name: value"`);
    headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

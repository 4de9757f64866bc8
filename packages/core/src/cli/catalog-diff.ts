import { readFile } from 'node:fs/promises';
import { type CatalogDiff, diffWithCatalog, isEmptyDiff } from '../drift/catalog-diff.js';
import { type ListedCodes, readListedCodes } from '../drift/listed-codes.js';
import type { ParsedArgs } from './args.js';
import { type CliIo, readAll, UsageError } from './io.js';

const MAX_INPUT_BYTES = 1024 * 1024;
const ENDPOINT = { v2: 'v2 service/config', legacy: 'legacy VPPServiceConfigSrv', unknown: 'service config' };

/**
 * `vppwatch catalog diff <file|->`: compares a saved service-config answer with the catalog. Exit 0 when they
 * agree, 1 when they differ, 2 when the input is not a service config.
 */
export async function runCatalog(args: ParsedArgs, io: CliIo): Promise<number> {
  const [sub, file, extra] = args.positionals;
  if (sub !== 'diff') throw new UsageError('usage: vppwatch catalog diff <file|-> [--json]');
  if (file === undefined) throw new UsageError('catalog diff needs a file, or - for stdin');
  if (extra !== undefined) throw new UsageError('catalog diff takes one file');
  const listed = readListedCodes(await readJson(file, io));
  if (listed === null)
    throw new UsageError('no errorCodes list: not a service/config or VPPServiceConfigSrv answer');
  const diff = diffWithCatalog(listed);
  io.stdout.write(
    args.json ? `${JSON.stringify(diffJson(listed, diff), null, 2)}\n` : diffText(listed, diff),
  );
  return isEmptyDiff(diff) ? 0 : 1;
}

async function readJson(file: string, io: CliIo): Promise<unknown> {
  const bytes =
    file === '-'
      ? await readAll(io.stdin, MAX_INPUT_BYTES)
      : await readFile(file).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${JSON.stringify(file.slice(0, 200))}: ${error.code ?? 'error'}`);
        });
  if (bytes.byteLength > MAX_INPUT_BYTES) throw new UsageError('input larger than 1 MiB');
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new UsageError('input is not JSON');
  }
}

function diffJson(listed: ListedCodes, diff: CatalogDiff): Record<string, unknown> {
  return {
    api: diff.api,
    listed: listed.codes.length,
    skipped: listed.skipped,
    same: isEmptyDiff(diff),
    missing: diff.missing,
    extra: diff.extra,
    wording: diff.wording,
  };
}

function diffText(listed: ListedCodes, diff: CatalogDiff): string {
  const lines = [`Apple's ${ENDPOINT[diff.api]} lists ${listed.codes.length} codes.`];
  if (listed.skipped > 0) lines.push(`Skipped ${listed.skipped} entries that are not codes (or repeat one).`);
  lines.push('', `Missing from the catalog (${diff.missing.length}):`);
  for (const code of diff.missing) lines.push(`  ${code.errorNumber}  ${code.errorMessage ?? '(no text)'}`);
  lines.push('', `In the catalog, not in Apple's list (${diff.extra.length}):`);
  if (diff.extra.length > 0) lines.push(`  ${diff.extra.join(', ')}`);
  lines.push('', `Worded differently (${diff.wording.length}):`);
  for (const w of diff.wording) {
    lines.push(`  ${w.errorNumber}  Apple:   ${w.appleMessage}`, `        catalog: ${w.catalogMessage}`);
  }
  lines.push('', isEmptyDiff(diff) ? 'The catalog matches the list.' : 'The catalog and the list differ.');
  return `${lines.join('\n')}\n`;
}

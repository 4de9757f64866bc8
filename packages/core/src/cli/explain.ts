import { lookupCode } from '../catalog/lookup.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { ParsedArgs } from './args.js';
import { type CliIo, UsageError } from './io.js';
import { formatPairs } from './table.js';

/** `vppwatch explain <code>`: one catalog entry. */
export function runExplain(args: ParsedArgs, io: CliIo): number {
  const [raw, extra] = args.positionals;
  if (raw === undefined) throw new UsageError('explain needs a code, e.g. vppwatch explain 9646');
  if (extra !== undefined) throw new UsageError('explain takes one code');
  const entry = lookupCode(raw);
  if (!entry) throw new UsageError(`unknown code ${JSON.stringify(raw.slice(0, 40))}; see vppwatch list`);
  io.stdout.write(args.json ? `${JSON.stringify(explainJson(entry))}\n` : explainText(entry));
  return 0;
}

export function explainJson(entry: CatalogEntry): Record<string, unknown> {
  return {
    code: entry.code,
    message: entry.message,
    httpStatus: entry.httpStatus,
    retryClass: entry.retryClass,
    api: entry.api,
    delivery: entry.delivery,
    remediation: entry.remediation,
    olderMessages: entry.olderMessages,
    ...(entry.aliases ? { aliases: entry.aliases } : {}),
    ...(entry.meanings ? { meanings: entry.meanings } : {}),
  };
}

function explainText(entry: CatalogEntry): string {
  const pairs: [string, string][] = [
    ['Code', String(entry.code)],
    ['Message', entry.message],
    [
      'HTTP status',
      entry.httpStatus === null
        ? 'undocumented (legacy errors arrive as HTTP 200)'
        : String(entry.httpStatus),
    ],
    ['Retry class', entry.retryClass],
    ['API', entry.api],
    ['Delivery', entry.delivery],
    ['Remediation', entry.remediation],
  ];
  if (entry.aliases?.length) pairs.push(['Aliases', entry.aliases.join(', ')]);
  for (const older of entry.olderMessages) pairs.push(['Older wording', older]);
  for (const m of entry.meanings ?? []) {
    pairs.push(['Meaning', `"${m.message}" → ${m.remediation} Source: ${m.source}`]);
  }
  return formatPairs(pairs);
}

import { CATALOG } from '../catalog/lookup.js';
import type { ParsedArgs } from './args.js';
import { explainJson } from './explain.js';
import { type CliIo, UsageError } from './io.js';
import { formatTable, truncate } from './table.js';

/** `vppwatch list`: the whole catalog. */
export function runList(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length > 0) throw new UsageError('list takes no arguments');
  if (args.json) {
    io.stdout.write(`${JSON.stringify(CATALOG.map(explainJson), null, 2)}\n`);
    return 0;
  }
  const rows = CATALOG.map((e) => [
    String(e.code),
    e.httpStatus === null ? '-' : String(e.httpStatus),
    e.retryClass,
    e.api,
    e.delivery,
    truncate(e.message, 70),
  ]);
  io.stdout.write(formatTable(['CODE', 'HTTP', 'RETRY CLASS', 'API', 'DELIVERY', 'MESSAGE'], rows));
  return 0;
}

import { readFile } from 'node:fs/promises';
import { closedCode } from '../decode/closed-code.js';
import { decodeResponse } from '../decode/decode-response.js';
import type { DecodedResponse, VppFailure } from '../decode/types.js';
import { type ParsedArgs, parseHeaderLines } from './args.js';
import { type CliIo, readAll, UsageError } from './io.js';
import { formatPairs, formatTable, truncate } from './table.js';

const MAX_INPUT_BYTES = 1024 * 1024;

/** `vppwatch decode [file|-]`: decodes a saved response body. */
export async function runDecode(args: ParsedArgs, io: CliIo): Promise<number> {
  const [file, extra] = args.positionals;
  if (extra !== undefined) throw new UsageError('decode takes at most one file');
  const headers = parseHeaderLines(args.headers);
  const body =
    file === undefined || file === '-' ? await readAll(io.stdin, MAX_INPUT_BYTES) : await readFile(file);
  const decoded = decodeResponse({ status: args.status, headers, body }, { maxBodyBytes: MAX_INPUT_BYTES });
  io.stdout.write(args.json ? `${JSON.stringify(decodeJson(decoded))}\n` : decodeText(decoded));
  return 0;
}

/** Closed-set fields only: serverMessage and entities may carry identifiers, so they stay out of the output. */
function failureJson(f: VppFailure): Record<string, unknown> {
  return {
    code: closedCode(f.code),
    message: f.message,
    retryClass: f.retryClass,
    httpStatus: f.httpStatus,
    source: f.source,
    known: f.known,
    ...(f.alreadyAssigned ? { alreadyAssigned: true } : {}),
    ...(f.variant ? { variant: f.variant } : {}),
    ...(f.minRetryAfterMs === undefined ? {} : { minRetryAfterMs: f.minRetryAfterMs }),
    ...(f.entities ? { entityCount: countEntities(f) } : {}),
  };
}

export function decodeJson(d: DecodedResponse): Record<string, unknown> {
  return {
    outcome: d.outcome,
    format: d.format,
    retryClass: d.retryClass,
    failures: d.failures.map(failureJson),
    retryAfterMs: d.retryAfterMs,
    ...(d.minRetryAfterMs === undefined ? {} : { minRetryAfterMs: d.minRetryAfterMs }),
    tokenExpiresAt: d.tokenExpiresAt,
    ...(d.truncated ? { truncated: true } : {}),
  };
}

function decodeText(d: DecodedResponse): string {
  const summary = formatPairs([
    ['Outcome', d.outcome],
    ['Format', d.format],
    ['Retry class', d.retryClass ?? '-'],
    ['Retry after', d.retryAfterMs === null ? '-' : `${d.retryAfterMs} ms`],
    ...(d.minRetryAfterMs === undefined
      ? []
      : ([['Wait at least', `${d.minRetryAfterMs} ms (the documents' minimum)`]] as const)),
    ...variantLines(d),
    ['Token expires', d.tokenExpiresAt === null ? '-' : new Date(d.tokenExpiresAt).toISOString()],
    ...(d.truncated ? ([['Truncated', 'body larger than 1 MiB, not parsed']] as const) : []),
  ]);
  if (d.failures.length === 0) return summary;
  const rows = d.failures.map((f) => [
    f.code === null ? '-' : String(closedCode(f.code)),
    f.httpStatus === null ? '-' : String(f.httpStatus),
    f.retryClass,
    f.source,
    String(countEntities(f)),
    truncate(f.message, 70),
  ]);
  return `${summary}\n${formatTable(['CODE', 'HTTP', 'RETRY CLASS', 'SOURCE', 'ENTITIES', 'MESSAGE'], rows)}`;
}

/** A variant changes what a code means, so the text names it. */
function variantLines(d: DecodedResponse): (readonly [string, string])[] {
  const ids = [...new Set(d.failures.flatMap((f) => (f.variant ? [`${f.code} ${f.variant}`] : [])))];
  return ids.length === 0 ? [] : [['Variant', ids.join(', ')]];
}

function countEntities(f: VppFailure): number {
  const e = f.entities;
  if (!e) return 0;
  return (e.clientUserIds?.length ?? 0) + (e.serialNumbers?.length ?? 0) + (e.licenseIds?.length ?? 0);
}

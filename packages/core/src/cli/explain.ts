import { catalogBasis, isVppwatchAdvice, unsupportedFields } from '../catalog/entry-basis.js';
import { lookupCode } from '../catalog/lookup.js';
import type { CatalogEntry, CatalogField } from '../catalog/types.js';
import type { ParsedArgs } from './args.js';
import { adviceLabel, basisJson, describeBasis, unsupportedMark } from './basis-text.js';
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

/**
 * An entry as JSON, with where each field comes from: `unsupported` lists the fields no stored document states,
 * `remediationBy` is `vppwatch` when the remediation is vppwatch's advice rather than the vendor's.
 */
export function explainJson(entry: CatalogEntry): Record<string, unknown> {
  const basis = catalogBasis(entry);
  return {
    code: entry.code,
    message: entry.message,
    httpStatus: entry.httpStatus,
    retryClass: entry.retryClass,
    api: entry.api,
    delivery: entry.delivery,
    remediation: entry.remediation,
    remediationBy: isVppwatchAdvice(entry) ? 'vppwatch' : 'document',
    olderMessages: entry.olderMessages,
    ...(entry.aliases ? { aliases: entry.aliases } : {}),
    ...(entry.minRetryAfterMs === undefined ? {} : { minRetryAfterMs: entry.minRetryAfterMs }),
    ...(entry.variants
      ? {
          variants: entry.variants.map((v) => ({
            id: v.id,
            when: v.when,
            retryClass: v.retryClass,
            remediation: v.remediation,
            remediationBy: 'vppwatch',
            basis: basisJson(v.basis),
          })),
        }
      : {}),
    ...(entry.meanings ? { meanings: entry.meanings } : {}),
    unsupported: unsupportedFields(entry),
    basis: Object.fromEntries(Object.entries(basis).map(([field, b]) => [field, basisJson(b)])),
  };
}

function noStatus(entry: CatalogEntry): string {
  if (entry.api === 'ricloud') return 'none documented (the vendor maps no code to a status)';
  if (entry.api === 'legacy') return 'none documented (legacy errors are believed to arrive as HTTP 200)';
  return 'none documented';
}

function explainText(entry: CatalogEntry): string {
  const basis = catalogBasis(entry);
  const value = (field: CatalogField, text: string): string => `${text}${unsupportedMark(basis[field])}`;
  const pairs: [string, string][] = [
    ['Code', String(entry.code)],
    ['Message', value('message', entry.message)],
    [
      'HTTP status',
      entry.httpStatus === null ? noStatus(entry) : value('httpStatus', String(entry.httpStatus)),
    ],
    ['Retry class', value('retryClass', entry.retryClass)],
    ['API', value('api', entry.api)],
    ['Delivery', value('delivery', entry.delivery)],
    [isVppwatchAdvice(entry) ? `Remediation (${adviceLabel(entry)})` : 'Remediation', entry.remediation],
  ];
  if (entry.minRetryAfterMs !== undefined) {
    pairs.push(['Wait at least', value('minRetryAfterMs', `${entry.minRetryAfterMs / 60_000} min`)]);
  }
  if (entry.aliases?.length) pairs.push(['Aliases', entry.aliases.join(', ')]);
  for (const older of entry.olderMessages) pairs.push(['Older wording', older]);
  for (const v of entry.variants ?? []) {
    pairs.push([`Variant ${v.id}`, `${v.when}; class ${v.retryClass} (${describeBasis(v.basis)})`]);
    pairs.push([`  remediation (${adviceLabel(entry)})`, v.remediation]);
  }
  for (const m of entry.meanings ?? []) {
    pairs.push(['Meaning', `"${m.message}" → ${m.remediation} Source: ${m.source}`]);
  }
  for (const [field, b] of Object.entries(basis)) pairs.push([`Source of ${field}`, describeBasis(b)]);
  return formatPairs(pairs);
}

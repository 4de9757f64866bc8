import { readBody } from '../decode/body.js';
import { asRecord, prop } from '../decode/fields.js';

/** One entry of Apple's `errorCodes` list, cleaned. */
export interface ListedCode {
  readonly errorNumber: number;
  /** Apple's text, control characters removed and at most {@link MAX_MESSAGE_CHARS} long; null when absent. */
  readonly errorMessage: string | null;
}

/** Which service config a body is: v2 `service/config`, legacy `VPPServiceConfigSrv`, or no telling. */
export type ServiceConfigApi = 'v2' | 'legacy' | 'unknown';

/** The `errorCodes` of one service-config answer. */
export interface ListedCodes {
  readonly api: ServiceConfigApi;
  readonly codes: readonly ListedCode[];
  /** Entries not read: not an object, no usable number, a repeated number, or past the cap. */
  readonly skipped: number;
}

/** A service config lists every code and URL in a few KB; a body far bigger is not one. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Apple lists about 50 codes; reading more than this many entries of a hostile list buys nothing. */
export const MAX_LISTED_CODES = 1000;
export const MAX_MESSAGE_CHARS = 300;

/**
 * Reads the `errorCodes` list of a `service/config` or `VPPServiceConfigSrv` answer (string, bytes or parsed),
 * or null when the body has no such list. Never throws; bounded in work and in what it returns.
 *
 * @example
 * ```ts
 * readListedCodes({ errorCodes: [{ errorNumber: 9649, errorMessage: 'A page index is required…' }] });
 * // { api: 'unknown', codes: [{ errorNumber: 9649, errorMessage: 'A page index is required…' }], skipped: 0 }
 * ```
 */
export function readListedCodes(body: unknown): ListedCodes | null {
  try {
    return readList(body);
  } catch {
    // A Proxy or a throwing getter in a parsed body: no list, and the call it came with goes on.
    return null;
  }
}

function readList(body: unknown): ListedCodes | null {
  const content = readBody(body, MAX_CONFIG_BYTES);
  if (content.kind !== 'json') return null;
  const config = asRecord(content.value);
  const list = prop(config, 'errorCodes');
  if (config === null || !Array.isArray(list)) return null;
  const codes: ListedCode[] = [];
  const seen = new Set<number>();
  const walked = Math.min(list.length, MAX_LISTED_CODES);
  let skipped = list.length - walked;
  for (let i = 0; i < walked; i++) {
    const code = readEntry(list[i]);
    if (code === null || seen.has(code.errorNumber)) skipped++;
    else {
      seen.add(code.errorNumber);
      codes.push(code);
    }
  }
  return { api: apiOf(config), codes, skipped };
}

function readEntry(entry: unknown): ListedCode | null {
  // The archived legacy reference spells the key `errorCode`; the current pages spell it `errorNumber`.
  const errorNumber = codeOf(prop(entry, 'errorNumber') ?? prop(entry, 'errorCode'));
  if (errorNumber === null) return null;
  return { errorNumber, errorMessage: cleanMessage(prop(entry, 'errorMessage')) };
}

function codeOf(raw: unknown): number | null {
  const value = typeof raw === 'string' && /^\s*\d{1,9}\s*$/.test(raw) ? Number(raw) : raw;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 1e9 ? value : null;
}

/** One line of plain text: a list entry must not be able to forge log lines or fill memory. */
function cleanMessage(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const text = raw.slice(0, MAX_MESSAGE_CHARS * 2).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  const line = text.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE_CHARS);
  return line === '' ? null : line;
}

function apiOf(config: Readonly<Record<string, unknown>>): ServiceConfigApi {
  if (asRecord(prop(config, 'urls')) !== null || asRecord(prop(config, 'limits')) !== null) return 'v2';
  const legacy = ['clientConfigSrvUrl', 'maxBatchAssociateLicenseCount', 'manageVPPLicensesByAdamIdSrvUrl'];
  return legacy.some((key) => prop(config, key) !== undefined) ? 'legacy' : 'unknown';
}

import { readTokenExpiry } from './token-expiry.js';

/** The keys the token expiry is read from; any other key a recognizer reads sends the body to the full parse. */
type TokenKey = 'tokenExpirationDate' | 'tokenExpDate' | 'expirationMillis';
const RECOGNIZER = 1;
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A token key holds something only the full parse can read (a key repeated, not followed by a value). */
const AMBIGUOUS = Symbol('ambiguous');

/** What the decoder needs from a body it does not have to parse. */
export interface QuickScan {
  readonly tokenExpiresAt: number | null;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index of the quote closing the string that opens at `open` (text.length when unterminated). */
function stringEnd(text: string, open: number): number {
  let end = open;
  for (;;) {
    end = text.indexOf('"', end + 1);
    if (end === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
}

/** What the raw string `text[from, from + length)` names: a token key, a recognizer key, or nothing of interest. */
function keyKind(text: string, from: number, length: number): TokenKey | typeof RECOGNIZER | null {
  switch (length) {
    case 5:
      return text.startsWith('error', from) ? RECOGNIZER : null;
    case 6:
      return text.startsWith('status', from) ? RECOGNIZER : null;
    case 8:
      return text.startsWith('failures', from) ? RECOGNIZER : null;
    case 11:
      return text.startsWith('eventStatus', from) || text.startsWith('errorNumber', from) ? RECOGNIZER : null;
    case 12:
      if (text.startsWith('tokenExpDate', from)) return 'tokenExpDate';
      return text.startsWith('notification', from) || text.startsWith('errorMessage', from)
        ? RECOGNIZER
        : null;
    case 16:
      return text.startsWith('expirationMillis', from) ? 'expirationMillis' : null;
    case 19:
      return text.startsWith('tokenExpirationDate', from) ? 'tokenExpirationDate' : null;
    default:
      return null;
  }
}

/** The value after a key ending at `from`: a string, a number, or null for anything else. */
function valueAfter(text: string, from: number): unknown {
  let i = skipSpace(text, from);
  if (text.charCodeAt(i) !== 0x3a) return AMBIGUOUS;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 0x22) {
    const end = stringEnd(text, i);
    if (end >= text.length) return AMBIGUOUS;
    const literal = text.slice(i, end + 1);
    if (!literal.includes('\\')) return literal.slice(1, -1);
    try {
      return JSON.parse(literal) as unknown;
    } catch {
      return AMBIGUOUS;
    }
  }
  JSON_NUMBER.lastIndex = i;
  const number = JSON_NUMBER.exec(text);
  // true, false, null, an object or an array: none is a token expiry.
  return number === null ? null : Number(number[0]);
}

/**
 * Decides a JSON object body without parsing it when no recognizer can match it: the answer is then unrecognized
 * (a success unless the HTTP status says otherwise), and only the top-level token expiry fields need reading.
 * One pass: strings are skipped with `indexOf`, only the structure between them is walked. Returns null whenever
 * the full parse is needed (a recognizer key anywhere, a `\u` escape, a token key nested or repeated, a large
 * body). A body that is not well-formed JSON but carries a well-formed top-level token field reports that expiry.
 */
export function quickScan(text: string, maxBytes: number): QuickScan | null {
  if (text.length > maxBytes || text.length * 3 > maxBytes) return null;
  const start = skipSpace(text, 0);
  let end = text.length - 1;
  while (end > start && isSpace(text.charCodeAt(end))) end--;
  if (text.charCodeAt(start) !== 0x7b || text.charCodeAt(end) !== 0x7d) return null;
  // An escape could spell any key; such bodies are rare enough to always parse.
  if (text.includes('\\u')) return null;
  let fields: Partial<Record<TokenKey, unknown>> | null = null;
  let depth = 0;
  for (let i = start; i <= end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x22) {
      const close = stringEnd(text, i);
      if (close > end) return null;
      const kind = keyKind(text, i + 1, close - i - 1);
      if (kind === RECOGNIZER) return null;
      if (kind !== null) {
        if (depth !== 1 || (fields !== null && kind in fields)) return null;
        const value = valueAfter(text, close + 1);
        if (value === AMBIGUOUS) return null;
        fields ??= {};
        fields[kind] = value;
      }
      i = close;
    }
  }
  // Unbalanced braces: JSON cut off at a `}` of an inner object. Only the full parse can tell it apart.
  if (depth !== 0) return null;
  return { tokenExpiresAt: fields === null ? null : readTokenExpiry(fields) };
}

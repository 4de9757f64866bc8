import { lookupCode } from '../catalog/lookup.js';

/**
 * A failure's code as a closed-set value: a catalog code (or alias) as it came, null when the answer carried
 * none, else `'other'`. A code slot can hold anything the server wrote (`"plantcuid-44d2"`), so every place that
 * promises closed-set values (a logged error, listener payloads, the CLI's ticket-safe output) goes through here.
 *
 * @example
 * ```ts
 * closedCode(9646); // 9646
 * closedCode('plantcuid-44d2'); // 'other'
 * ```
 */
export function closedCode(code: number | string | null): number | string | null {
  if (code === null) return null;
  return lookupCode(code) === undefined ? 'other' : code;
}

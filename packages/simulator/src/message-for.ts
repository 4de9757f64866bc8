import { lookupCode } from '@vppwatch/core';

/** Apple's wording for an error number, from core's catalog; a generic text for a code the catalog lacks. */
export function messageFor(code: number): string {
  return lookupCode(code)?.message ?? `Error ${code}.`;
}

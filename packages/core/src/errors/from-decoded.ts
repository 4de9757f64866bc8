import { lookupCode } from '../catalog/lookup.js';
import { RETRY_CLASS_SEVERITY } from '../decode/severity.js';
import type { DecodedResponse, VppFailure } from '../decode/types.js';
import type { VppErrorInit } from './vpp-error.js';
import { VppError } from './vpp-error.js';

export type VppErrorExtra = Partial<Omit<VppErrorInit, 'failures' | 'decoded' | 'message'>>;

/**
 * A {@link VppError} for a decoded failure. The message names the deciding failure's catalog code, class and
 * HTTP status with the catalog's wording, never the server's message or any request data.
 *
 * @example
 * ```ts
 * const decoded = decodeResponse({ status: 401, body: { errorNumber: 9625, errorMessage: '…' } });
 * throw vppErrorFromDecoded(decoded, { cause: axiosError });
 * // VppError: Apple error 9625 (auth_fatal, HTTP 401): The server has revoked the sToken.
 * ```
 */
export function vppErrorFromDecoded(decoded: DecodedResponse, extra: VppErrorExtra = {}): VppError {
  const failures = orderBySeverity(decoded.failures);
  return new VppError({
    code: 'ERR_VPP_API',
    ...extra,
    message: describeFailure(failures[0] ?? null, decoded.httpStatus),
    failures,
    decoded,
  });
}

/** A one-line, secret-free description of a failure: catalog wording and closed-set values only. */
export function describeFailure(failure: VppFailure | null, httpStatus: number | null = null): string {
  const status = failure?.httpStatus ?? httpStatus;
  const where = status === null ? '' : `, HTTP ${status}`;
  if (failure === null) return `Apple request failed (unknown${where})`;
  const entry = failure.code === null ? undefined : lookupCode(failure.code);
  const what = entry ? `Apple error ${entry.code}` : 'Apple error (unrecognized code)';
  const wording = entry?.message ?? 'No catalog entry for this code.';
  return `${what} (${failure.retryClass}${where}): ${wording}`;
}

/** The deciding failure first, keeping the server's order among equals (Array.prototype.sort is stable). */
function orderBySeverity(failures: readonly VppFailure[]): VppFailure[] {
  return [...failures].sort(
    (a, b) => RETRY_CLASS_SEVERITY.indexOf(a.retryClass) - RETRY_CLASS_SEVERITY.indexOf(b.retryClass),
  );
}

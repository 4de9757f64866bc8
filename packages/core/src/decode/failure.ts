import { classifyHttpStatus } from '../catalog/http-status.js';
import { lookupCode } from '../catalog/lookup.js';
import type { RetryClass } from '../catalog/retry-class.js';
import type { AlreadyAssignedDetails, FailureEntities, FailureSource, VppFailure } from './types.js';
import { selectVariant } from './variant.js';

/** riCloud-style codes; anything else in a string code slot is not trusted as a code (it could echo user data). */
const STRING_CODE = /^[a-z][a-z0-9-]{0,63}$/;

/** Normalizes a wire `errorNumber`/`error` into a catalog-comparable code, or null when it is not code-shaped. */
export function normalizeCode(raw: unknown): number | string | null {
  // `+ 0` turns -0 into 0: a JSON text cannot keep -0, so the parsed body and its text must read the same code.
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw + 0 : null;
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (/^-?\d{1,15}$/.test(trimmed)) return Number(trimmed) + 0;
  const lower = trimmed.toLowerCase();
  return STRING_CODE.test(lower) ? lower : null;
}

/** A generic, secret-free wording for a failure whose code the catalog does not know. */
export function describeStatus(httpStatus: number | null, hasCode: boolean): string {
  const what = hasCode ? 'Unrecognized error code' : 'Error response without a recognizable code';
  return httpStatus === null ? `${what}.` : `${what} (HTTP ${httpStatus}).`;
}

export interface FailureParts {
  readonly code: unknown;
  readonly serverMessage?: unknown;
  readonly httpStatus: number | null;
  readonly source: FailureSource;
  readonly entities?: FailureEntities | undefined;
  readonly alreadyAssigned?: AlreadyAssignedDetails | undefined;
  /** Class and wording when the code is not in the catalog (default: from the HTTP status). */
  readonly fallback?: { readonly retryClass: RetryClass; readonly message: string };
}

/**
 * Builds one failure. A known code takes the catalog's wording and class (its variant's class when the body's
 * shape selects one); an unknown one is kept (known: false) and classified from the HTTP status, so no Apple code
 * is ever dropped.
 */
export function makeFailure(parts: FailureParts): VppFailure {
  const code = normalizeCode(parts.code);
  const entry = code === null ? undefined : lookupCode(code);
  const variant = selectVariant(entry, parts);
  const failure: VppFailure = {
    code,
    known: entry !== undefined,
    message: entry?.message ?? parts.fallback?.message ?? describeStatus(parts.httpStatus, code !== null),
    serverMessage: typeof parts.serverMessage === 'string' ? parts.serverMessage : null,
    retryClass:
      variant?.retryClass ??
      entry?.retryClass ??
      parts.fallback?.retryClass ??
      classifyHttpStatus(parts.httpStatus),
    httpStatus: parts.httpStatus,
    source: parts.source,
    ...(parts.entities && hasEntities(parts.entities) ? { entities: parts.entities } : {}),
    ...(parts.alreadyAssigned ? { alreadyAssigned: parts.alreadyAssigned } : {}),
    ...(variant ? { variant: variant.id } : {}),
    ...(entry?.minRetryAfterMs === undefined ? {} : { minRetryAfterMs: entry.minRetryAfterMs }),
  };
  return failure;
}

function hasEntities(entities: FailureEntities): boolean {
  return Object.values(entities).some((list) => Array.isArray(list) && list.length > 0);
}

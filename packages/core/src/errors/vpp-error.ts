import type { RetryClass } from '../catalog/retry-class.js';
import type { DecodedResponse, VppFailure } from '../decode/types.js';
import type { GiveUpReason, RetryInfo } from '../shared/call-outcome.js';

const brand = Symbol.for('vppwatch.VppError');

/** Stable machine-readable kinds of {@link VppError}. */
export type VppErrorCode =
  /** Apple (or riCloud) answered with an error the engine will not or may no longer retry. */
  | 'ERR_VPP_API'
  /** The request never got an answer (network error, timeout) and retrying stopped. */
  | 'ERR_VPP_NETWORK'
  /** The server asked for a wait longer than allowed or past the deadline; `retryAt` says when to try again. */
  | 'ERR_VPP_RETRY_AFTER'
  /** The overall deadline passed. */
  | 'ERR_VPP_DEADLINE'
  /** Bad options or input from the caller. */
  | 'ERR_VPP_INVALID_ARGUMENT'
  /** A shared store (Redis) refused its configuration for good: a wrong password, a port that is not Redis. */
  | 'ERR_VPP_STORE';

export interface VppErrorInit {
  readonly code: VppErrorCode;
  readonly message: string;
  readonly failures?: readonly VppFailure[];
  readonly decoded?: DecodedResponse | null;
  readonly reason?: GiveUpReason | null;
  readonly retryAt?: number | null;
  readonly retryInfo?: RetryInfo | null;
  readonly cause?: unknown;
}

/**
 * The one error type every vppwatch package throws.
 *
 * Its message and `toJSON()` are built from catalog wording and closed-set values only, so logging it
 * never leaks an sToken, an Authorization header, an email or a clientUserId.
 *
 * @example
 * ```ts
 * try { await client.post('/mdm/v2/assets/associate', body); }
 * catch (error) {
 *   if (isVppError(error) && error.retryClass === 'auth_fatal') alertAdmin(error.errorNumber);
 * }
 * ```
 */
export class VppError extends Error {
  override readonly name = 'VppError';
  readonly code: VppErrorCode;
  /** Every decoded failure; the first is the one that decided the outcome. */
  readonly failures: readonly VppFailure[];
  readonly reason: GiveUpReason | null;
  /** Epoch ms at which the server said the request may be tried again, when known. */
  readonly retryAt: number | null;
  readonly retryInfo: RetryInfo | null;
  declare readonly decoded: DecodedResponse | null;

  constructor(init: VppErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.failures = init.failures ?? [];
    this.reason = init.reason ?? null;
    this.retryAt = init.retryAt ?? null;
    this.retryInfo = init.retryInfo ?? null;
    // Kept out of enumeration so console.log / JSON.stringify never dump raw bodies.
    Object.defineProperty(this, 'decoded', { value: init.decoded ?? null, enumerable: false });
    Object.defineProperty(this, 'cause', { value: init.cause, enumerable: false, writable: true });
  }

  /** The failure that decided the outcome, if any. */
  get failure(): VppFailure | null {
    return this.failures[0] ?? null;
  }

  get errorNumber(): number | string | null {
    return this.failure?.code ?? null;
  }

  get retryClass(): RetryClass | null {
    return this.failure?.retryClass ?? null;
  }

  get httpStatus(): number | null {
    return this.failure?.httpStatus ?? null;
  }

  /** Brand checked by {@link isVppError}, so the guard works across copies of the package. */
  get [brand](): true {
    return true;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      errorNumber: this.errorNumber,
      retryClass: this.retryClass,
      httpStatus: this.httpStatus,
      reason: this.reason,
      retryAt: this.retryAt,
      retryInfo: this.retryInfo,
      failures: this.failures.map((f) => ({
        code: f.code,
        message: f.message,
        retryClass: f.retryClass,
        httpStatus: f.httpStatus,
        source: f.source,
      })),
    };
  }
}

/** True for a {@link VppError} from any copy of `@vppwatch/core`. */
export function isVppError(value: unknown): value is VppError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

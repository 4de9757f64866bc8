import type { RetryClass } from '../catalog/retry-class.js';
import { isValidEpochMs } from '../decode/time-bounds.js';
import type { DecodedResponse, VppFailure } from '../decode/types.js';
import type { GiveUpReason, RetryInfo } from '../shared/call-outcome.js';
import { summarizeCause, type VppCauseSummary } from './cause-summary.js';
import { redactDecoded, redactFailure } from './redact.js';

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

/** What a {@link VppError} keeps out of sight, for code that asks for it on purpose: see `unredacted()`. */
export interface VppErrorUnredacted {
  /** The failures as decoded, with what the server said (`serverMessage`, `entities`, `alreadyAssigned`, `params`). */
  readonly failures: readonly VppFailure[];
  /** The decoded answer as it was. */
  readonly decoded: DecodedResponse | null;
  /** The underlying error or response (an AxiosError with its request config and headers, got's error…). */
  readonly cause: unknown;
}

export interface VppErrorInit {
  readonly code: VppErrorCode;
  readonly message: string;
  readonly failures?: readonly VppFailure[];
  readonly decoded?: DecodedResponse | null;
  readonly reason?: GiveUpReason | null;
  readonly retryAt?: number | null;
  readonly retryInfo?: RetryInfo | null;
  readonly cause?: unknown;
  /** The class the engine acted on, when it differs from the catalog's (an `options.classify` override). */
  readonly retryClass?: RetryClass | null;
}

/**
 * The one error type every vppwatch package throws.
 *
 * Safe to log whole (`console.log`, `util.inspect`, `JSON.stringify`, pino, winston): its message, `toJSON()` and
 * every property a logger reads are built from catalog wording and closed-set values only, so no sToken,
 * Authorization header, email, clientUserId, serial number or user id ever gets into a log. `failures` and
 * `decoded` are redacted (no server message, no entities, codes outside the catalog read `'other'`) and `cause` is
 * a {@link VppCauseSummary}. `unredacted()` hands the raw data to code that asks for it on purpose.
 *
 * @example
 * ```ts
 * try { await client.post('/mdm/v2/assets/associate', body); }
 * catch (error) {
 *   if (isVppError(error) && error.retryClass === 'auth_fatal') alertAdmin(error.errorNumber);
 *   logger.error({ err: error }, 'associate failed'); // safe
 *   const failedUsers = error.unredacted().failures.flatMap((f) => f.entities?.clientUserIds ?? []);
 * }
 * ```
 */
export class VppError extends Error {
  override readonly name = 'VppError';
  readonly code: VppErrorCode;
  /** Every decoded failure, redacted; the first is the one that decided the outcome. */
  readonly failures: readonly VppFailure[];
  readonly reason: GiveUpReason | null;
  /** Epoch ms at which the server said the request may be tried again, when known (always a valid time). */
  readonly retryAt: number | null;
  readonly retryInfo: RetryInfo | null;
  /** A summary of the underlying error: class, code, HTTP status. The error itself: `unredacted().cause`. */
  declare readonly cause: VppCauseSummary | undefined;
  // A private field: no logger, inspector or serializer can reach it.
  readonly #raw: VppErrorUnredacted;
  readonly #decoded: DecodedResponse | null;
  readonly #retryClass: RetryClass | null | undefined;

  constructor(init: VppErrorInit) {
    super(init.message);
    const failures = init.failures ?? [];
    const decoded = init.decoded ?? null;
    this.code = init.code;
    this.failures = failures.map(redactFailure);
    this.reason = init.reason ?? null;
    const retryAt = init.retryAt ?? null;
    this.retryAt = retryAt !== null && isValidEpochMs(retryAt) ? retryAt : null;
    this.retryInfo = init.retryInfo ?? null;
    this.#retryClass = init.retryClass;
    this.#raw = { failures, decoded, cause: init.cause };
    // The decoded answer usually carries the very failures redacted above: reuse them instead of redacting twice.
    this.#decoded =
      decoded === null
        ? null
        : decoded.failures === failures
          ? { ...decoded, failures: this.failures }
          : redactDecoded(decoded);
    const cause = summarizeCause(init.cause);
    // Non-enumerable like a native cause; util.inspect still prints it, which is why it is only a summary.
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
  }

  /** The decoded answer, its failures redacted like `failures`. */
  get decoded(): DecodedResponse | null {
    return this.#decoded;
  }

  /**
   * The raw data behind this error: the failures with what the server said, the decoded answer and the
   * underlying error. It may hold sTokens, Authorization headers, emails, clientUserIds and serial numbers:
   * use it in code, keep it out of logs.
   *
   * @example
   * ```ts
   * const { failures, cause } = error.unredacted();
   * retryOnly(failures.flatMap((f) => f.entities?.clientUserIds ?? []));
   * ```
   */
  unredacted(): VppErrorUnredacted {
    return this.#raw;
  }

  /** The failure that decided the outcome, if any. */
  get failure(): VppFailure | null {
    return this.failures[0] ?? null;
  }

  get errorNumber(): number | string | null {
    return this.failure?.code ?? null;
  }

  /** The retry class the engine acted on: an `options.classify` override, else the catalog's class of `failure`. */
  get retryClass(): RetryClass | null {
    return this.#retryClass ?? this.failure?.retryClass ?? null;
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

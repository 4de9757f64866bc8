import type { RetryClass } from '../catalog/retry-class.js';

/** Where a failure was found. */
export type FailureSource = 'response' | 'item' | 'event';

/** Which wire format a body was recognized as. */
export type ResponseFormat =
  | 'legacy'
  | 'v2'
  | 'v2-status'
  | 'notification'
  | 'ricloud'
  | 'unrecognized'
  | 'empty';

/** Entities a failure applies to (Apple's `errorInfo`, per-item identifiers, notification assignments). */
export interface FailureEntities {
  readonly clientUserIds?: readonly string[];
  readonly serialNumbers?: readonly string[];
  readonly assets?: readonly { readonly adamId: string; readonly pricingParam?: string }[];
  readonly licenseIds?: readonly string[];
}

/** 9616's extra fields, typed. */
export interface AlreadyAssignedDetails {
  readonly licenseAlreadyAssigned?: Readonly<Record<string, unknown>>;
  /** As Apple sent them (emails included): keep out of logs and telemetry. */
  readonly regUsersAlreadyAssigned?: readonly Readonly<Record<string, unknown>>[];
  /** The users of `regUsersAlreadyAssigned` by their ids only (no email), present whenever that list is. */
  readonly otherUsers?: readonly AlreadyAssignedUser[];
}

/** A user Apple names in a 9616's `regUsersAlreadyAssigned`, by id. Still personal data: not for telemetry. */
export interface AlreadyAssignedUser {
  /** Apple's `userId`, as a string (null when absent). */
  readonly userId: string | null;
  /** The MDM's `clientUserIdStr` (null when absent). */
  readonly clientUserId: string | null;
}

/** One decoded failure. Never carries the sToken; `serverMessage` may echo identifiers, so it is never used in telemetry. */
export interface VppFailure {
  /** Apple `errorNumber`, riCloud string code, or null when the response carried no code at all (an HTML 503). */
  readonly code: number | string | null;
  /** True when `code` is in the catalog, or (through an engine) in an error list Apple served it. */
  readonly known: boolean;
  /** Set when the code is not in the catalog but the engine learned it from Apple's service-config list. */
  readonly learned?: true;
  /** The catalog's wording for a known code, Apple's listed text for a learned one, else a generic text. */
  readonly message: string;
  /** What the server said, verbatim (may contain identifiers: keep it out of telemetry and logs). */
  readonly serverMessage: string | null;
  readonly retryClass: RetryClass;
  /** The response's HTTP status, or null for async failures. */
  readonly httpStatus: number | null;
  readonly source: FailureSource;
  readonly entities?: FailureEntities;
  readonly alreadyAssigned?: AlreadyAssignedDetails;
  /**
   * The catalog variant the body's shape selects, which then decides `retryClass` (9616 with only
   * `regUsersAlreadyAssigned` is `other-users-hold-item`: a `state` failure, not `idempotent_ok`).
   */
  readonly variant?: string;
  /** The least wait the documents ask before the request is sent again (riCloud `code-rate-limited`: 1 h). */
  readonly minRetryAfterMs?: number;
  /** riCloud's `params` (offending parameters of `invalid-parameter`); may echo request data, keep out of telemetry. */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** What the decoder accepts: anything an HTTP client or a notification handler has in hand. */
export interface DecodeInput {
  readonly status?: number | null;
  /** Header names are matched case-insensitively; values may be strings or arrays. */
  readonly headers?: Readonly<Record<string, unknown>> | Headers | null;
  readonly body?: unknown;
}

export interface DecodeOptions {
  /** Bodies larger than this are not parsed (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Clock for Retry-After when the response has no usable `Date` header (default Date.now). */
  readonly now?: () => number;
}

/** The decoder's answer for one response. */
export interface DecodedResponse {
  /** `success`: no failure; `failure`: the call failed; `partial`: some items failed (legacy status -3, v2 status with failures and completions). */
  readonly outcome: 'success' | 'failure' | 'partial';
  readonly format: ResponseFormat;
  readonly failures: readonly VppFailure[];
  /** The most severe failure's class, or null on success. */
  readonly retryClass: RetryClass | null;
  /** Parsed Retry-After in ms from the response's own `Date` (null when absent or unparsable). */
  readonly retryAfterMs: number | null;
  /**
   * The longest minimum wait the documents ask for any failure of this response (see `VppFailure.minRetryAfterMs`);
   * absent when none does. Unlike Retry-After it concerns the failing request, not every request of the token.
   */
  readonly minRetryAfterMs?: number;
  /** Token expiry announced by the response, as epoch ms (tokenExpirationDate, tokenExpDate, expirationMillis). */
  readonly tokenExpiresAt: number | null;
  readonly httpStatus: number | null;
  /** v2 status endpoint's `eventStatus` / notification `result`, when present. */
  readonly eventStatus?: 'PENDING' | 'COMPLETE' | 'FAILED' | 'SUCCESS' | 'FAILURE';
  /** The event's type (`ASSOCIATE`, `CREATE`, …) from a status answer or a notification, when it is one. */
  readonly eventType?: string;
  /** Set when the body was not parsed because of its size. */
  readonly truncated?: boolean;
}

/** Which Apple API a request addressed. */
export type RequestApi = 'v2' | 'legacy' | 'unknown';

/** Which fault, if any, produced the answer. */
export type FaultKind =
  | 'rate-limit'
  | 'internal-error'
  | 'maintenance'
  | 'brownout'
  | 'connection-reset'
  | 'html-error'
  | 'storm-guard'
  | 'revoked'
  | 'new-code';

/** What the server saw and answered. Holds no token, email, clientUserId or serial number. */
export interface RequestRecord {
  /** Arrival time, ms since the epoch (sub-millisecond fraction kept). */
  readonly at: number;
  /** When the answer was sent (or the socket destroyed): the earliest a client could have read a Retry-After. */
  readonly answeredAt: number;
  /** `tokenHash(sToken)`, or null when the request carried no usable token. */
  readonly tokenHash: string | null;
  readonly api: RequestApi;
  /** `assets/associate`, `manageVPPLicensesByAdamIdSrv`, … */
  readonly endpoint: string;
  readonly method: string;
  /** HTTP status sent; 0 when the connection was reset. */
  readonly status: number;
  readonly errorNumber: number | null;
  /** The wait announced in Retry-After, in ms, or null when none was sent. */
  readonly retryAfterMs: number | null;
  /** The exact instant the announced window ends (the bucket has a token again), or null. */
  readonly windowEndsAt: number | null;
  readonly fault: FaultKind | null;
}

/** One window of a token's traffic, from {@link RequestLog.throughput}. */
export interface ThroughputWindow {
  /** Start of the window (simulator clock, epoch ms); it ends `windowMs` later. */
  readonly from: number;
  /** Requests that got past the rate limit (whatever they were answered). */
  readonly served: number;
  /** Requests the rate limit refused (429 + 9646, or the legacy style configured). */
  readonly throttled: number;
}

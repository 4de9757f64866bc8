import type { RetryClass } from '../../catalog/retry-class.js';
import type { DecodedResponse, DecodeInput } from '../../decode/types.js';
import type { DelaySource } from '../../shared/call-outcome.js';

/** What an adapter knows about a logical request before sending it. Nothing here is mutated. */
export interface RequestDescriptor {
  /** HTTP method, any case. */
  readonly method: string;
  /** Absolute URL of the request. Only the host and the path's endpoint name are used; it is never logged. */
  readonly url: string;
  /** Request headers; `Authorization: Bearer <sToken>` identifies the tenant and is never recorded. */
  readonly headers?: Readonly<Record<string, unknown>>;
  /** Request body (object or JSON string); a legacy `sToken` identifies the tenant and is never recorded. */
  readonly body?: unknown;
  /** Operation name for telemetry; derived from the URL when absent. Must be from the operation vocabulary or becomes `other`. */
  readonly operation?: string;
  /** The caller vouches that sending twice is safe (unlocks POST retries on ambiguous failures). */
  readonly idempotent?: boolean;
  /** false turns retries off for this request (decoding and telemetry stay on). */
  readonly retry?: boolean;
  /** The caller's signal; aborting it settles the request at once, even during a wait. */
  readonly signal?: AbortSignal;
  /** Overall budget for all attempts and waits, in ms. */
  readonly deadlineMs?: number;
  /** Per-attempt timeout, in ms. */
  readonly attemptTimeoutMs?: number;
  /**
   * For a status poll whose URL does not carry it (query parameters kept apart): the `eventId` asked about, so
   * the event's failures are counted once however often they are polled or notified.
   */
  readonly eventId?: string;
}

/** The raw outcome of one attempt as the adapter saw it. */
export type AttemptResult = DecodeInput;

/** Given to the adapter before each physical attempt. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Aborts on caller abort, deadline, or this attempt's timeout. Pass it to the HTTP client. */
  readonly signal: AbortSignal;
  /**
   * False when nothing can abort this attempt (no caller signal, deadline or attempt timeout): a transport may then
   * leave `signal` out of its client call and save the client's abort wiring. Absent means it may abort.
   */
  readonly abortable?: boolean;
}

/** The engine's verdict after an attempt. */
export type CallDecision =
  | { readonly action: 'resolve'; readonly decoded: DecodedResponse }
  | {
      readonly action: 'retry';
      readonly decoded: DecodedResponse | null;
      readonly delayMs: number;
      readonly delaySource: DelaySource;
      readonly retryClass: RetryClass;
    }
  | { readonly action: 'reject'; readonly error: Error };

/** How an adapter performs one physical attempt and reads its outcome, for {@link VppEngine.execute}. */
export interface Transport<T> {
  /** Sends one attempt. Runs with the logical span active, so auto-instrumented HTTP spans nest under it. */
  send(ctx: AttemptContext): Promise<T>;
  /** Status, headers and body of a settled attempt. */
  read(result: T): AttemptResult;
  /** A thrown error that still carries a response (axios rejects 4xx/5xx), or null for a network error or timeout. */
  readError(error: unknown): AttemptResult | null;
  /**
   * Optional: the result to resolve with when the engine resolves an answer the client threw (an axios 4xx
   * carrying an `idempotent_ok` code). Without it such answers reject with a VppError instead.
   */
  resultOf?(error: unknown): T | undefined;
}

/**
 * One logical request, step by step, for clients that keep their own retry loop (got).
 * `execute` is built from the same steps.
 */
export interface LogicalCall {
  /** Caller signal combined with the overall deadline. */
  readonly signal: AbortSignal;
  /** Waits until the tenant may send (shared backoff gate, rate limit); rejects if aborted or past the deadline. */
  beforeAttempt(): Promise<AttemptContext>;
  /**
   * Optional fast path of {@link beforeAttempt}: starts the attempt at once when the tenant may send now, or
   * returns null (nothing booked) when the caller must await `beforeAttempt()` instead.
   */
  tryAttemptNow?(): AttemptContext | null;
  /** Decodes an attempt's response, records it, and decides. `cause`: the client's error for a thrown response (becomes the VppError's cause). */
  onResult(result: AttemptResult, cause?: unknown): CallDecision;
  /** Records a network error or timeout (no response), and decides. */
  onError(error: unknown): CallDecision;
  /** Carries out a retry decision's wait; abortable, leaves no timer or listener behind. */
  wait(delayMs: number): Promise<void>;
  /** Runs `fn` with the logical span active. */
  runInSpan<T>(fn: () => T): T;
  /** Ends the call: closes the span, records final metrics, attaches RetryInfo (and the decoded outcome) to `target`. */
  finish(outcome: { readonly result?: object; readonly error?: unknown }): void;
}

/** The shared engine both adapters drive. Create one per process (or per client) and share it across clients. */
export interface VppEngine {
  /** Runs one logical request to its end: resolves with the final result, or rejects with a VppError (the last underlying error as `cause`). */
  execute<T>(request: RequestDescriptor, transport: Transport<T>): Promise<T>;
  /** Starts a logical request driven step by step by the caller. */
  begin(request: RequestDescriptor): LogicalCall;
}

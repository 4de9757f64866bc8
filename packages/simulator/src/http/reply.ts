import type { FaultKind } from '../log/types.js';
import { messageFor } from '../message-for.js';

/** What a handler decided to answer. The server writes it and logs it; handlers never touch sockets. */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: { readonly contentType: string; readonly body: string };
  readonly headers?: Readonly<Record<string, string>>;
  readonly errorNumber?: number | null;
  readonly retryAfterMs?: number | null;
  readonly windowEndsAt?: number | null;
  readonly fault?: FaultKind | null;
  /** Destroy the socket instead of answering. */
  readonly reset?: boolean;
}

export interface ErrorBody {
  readonly errorNumber: number;
  readonly errorMessage: string;
  readonly errorInfo?: Readonly<Record<string, unknown>>;
}

export function errorBody(code: number): ErrorBody {
  return { errorNumber: code, errorMessage: messageFor(code) };
}

/** A v2 synchronous failure: an ErrorResponse with Apple's HTTP status. */
export function v2Error(code: number, status: number, extra: Partial<Reply> = {}): Reply {
  return { status, json: errorBody(code), errorNumber: code, ...extra };
}

/** A legacy failure: HTTP 200 with `status: -1` (extra fields such as 9616's details go beside it). */
export function legacyError(
  code: number,
  fields: Record<string, unknown> = {},
  extra: Partial<Reply> = {},
): Reply {
  return { status: 200, json: { ...fields, ...errorBody(code), status: -1 }, errorNumber: code, ...extra };
}

export function ok(json: unknown): Reply {
  return { status: 200, json };
}

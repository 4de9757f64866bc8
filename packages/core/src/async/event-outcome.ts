import type { DecodedResponse, VppFailure } from '../decode/types.js';
import { isRetryableClass } from '../shared/retryable.js';
import { operationOfEvent } from '../telemetry/event-operation.js';
import { type ResubmitEntities, resubmitEntities } from './resubmit.js';

/** How a background event ended, from the status endpoint. Failures carry identifiers: not for logs. */
export interface EventOutcome {
  readonly eventId: string;
  readonly status: 'COMPLETE' | 'FAILED';
  /** `success`, `partial` (some completed, some failed) or `failure`. */
  readonly outcome: DecodedResponse['outcome'];
  /** Apple's `eventType` (`ASSOCIATE`, `CREATE`, …) or null. */
  readonly eventType: string | null;
  /** The telemetry operation that started the event (`assets_associate`, …). */
  readonly operation: string;
  readonly numCompleted: number | null;
  readonly numRequested: number | null;
  /** Decoded failures (9709, 9609, 9603, 9644, …) with their entities from `errorInfo`. */
  readonly failures: readonly VppFailure[];
  /** True when some failure is worth resubmitting (9603 `transient`). */
  readonly retryable: boolean;
  /** The entities of the retryable failures, to send again; null when there are none. */
  readonly resubmit: ResubmitEntities | null;
  readonly decoded: DecodedResponse;
  /** Status requests made. */
  readonly polls: number;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Builds the outcome of a terminal StatusResponse. */
export function eventOutcome(
  eventId: string,
  status: 'COMPLETE' | 'FAILED',
  body: Readonly<Record<string, unknown>>,
  decoded: DecodedResponse,
  polls: number,
): EventOutcome {
  const eventType = typeof body.eventType === 'string' ? body.eventType : null;
  return {
    eventId,
    status,
    outcome: decoded.outcome,
    eventType,
    operation: operationOfEvent(eventType),
    numCompleted: count(body.numCompleted),
    numRequested: count(body.numRequested),
    failures: decoded.failures,
    retryable: decoded.failures.some((f) => isRetryableClass(f.retryClass)),
    resubmit: resubmitEntities(decoded.failures),
    decoded,
    polls,
  };
}

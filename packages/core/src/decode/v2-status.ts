import { entitiesFromErrorInfo } from './entities.js';
import { makeFailure } from './failure.js';
import { asArray, asEventType, asFiniteNumber, asRecord, prop } from './fields.js';
import type { Recognizer } from './recognized.js';
import type { VppFailure } from './types.js';

const EVENT_STATUSES = ['PENDING', 'COMPLETE', 'FAILED'] as const;
type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * The v2 status endpoint's StatusResponse: `failures[]` of ErrorResponse with `errorInfo`. Partial when some
 * of the requested work completed (`numCompleted > 0`).
 */
export const recognizeV2Status: Recognizer = (body) => {
  const rawFailures = prop(body, 'failures');
  const rawStatus = prop(body, 'eventStatus');
  const eventStatus = EVENT_STATUSES.find((s) => s === rawStatus) as EventStatus | undefined;
  if (!Array.isArray(rawFailures) && eventStatus === undefined) return null;
  const failures: VppFailure[] = [];
  for (const item of asArray(rawFailures)) {
    if (asRecord(item) === null) continue;
    failures.push(
      makeFailure({
        code: prop(item, 'errorNumber'),
        serverMessage: prop(item, 'errorMessage'),
        httpStatus: null,
        source: 'event',
        entities: entitiesFromErrorInfo(prop(item, 'errorInfo')),
      }),
    );
  }
  if (failures.length === 0 && eventStatus === 'FAILED') {
    failures.push(makeFailure({ code: null, httpStatus: null, source: 'event' }));
  }
  const completed = asFiniteNumber(prop(body, 'numCompleted')) ?? 0;
  const eventType = asEventType(prop(body, 'eventType'));
  return {
    format: 'v2-status',
    failures,
    partial: failures.length > 0 && completed > 0,
    ...(eventStatus ? { eventStatus } : {}),
    ...(eventType ? { eventType } : {}),
  };
};

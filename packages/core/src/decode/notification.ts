import { entitiesFromAssignments } from './entities.js';
import { makeFailure } from './failure.js';
import { asEventType, asRecord, prop } from './fields.js';
import type { Recognizer } from './recognized.js';
import type { VppFailure } from './types.js';

/**
 * A v2 notification `{notification: {assignments?, error?, result?, ...}, notificationType, ...}`. At most one
 * `error` per notification; it applies to every entity in `assignments`.
 */
export const recognizeNotification: Recognizer = (body) => {
  const notification = asRecord(prop(body, 'notification'));
  if (notification === null) return null;
  const rawResult = prop(notification, 'result');
  const result = rawResult === 'SUCCESS' || rawResult === 'FAILURE' ? rawResult : undefined;
  const error = asRecord(prop(notification, 'error'));
  const failures: VppFailure[] = [];
  if (error !== null || result === 'FAILURE') {
    failures.push(
      makeFailure({
        code: prop(error, 'errorNumber'),
        serverMessage: prop(error, 'errorMessage'),
        httpStatus: null,
        source: 'event',
        entities: entitiesFromAssignments(prop(notification, 'assignments')),
      }),
    );
  }
  const eventType = asEventType(prop(notification, 'type'));
  return {
    format: 'notification',
    failures,
    partial: false,
    ...(result ? { eventStatus: result } : {}),
    ...(eventType ? { eventType } : {}),
  };
};

import { startEventSpan } from './event-span.js';
import type { VppNotificationEvent } from './notification-event.js';
import type { NormalizedHandlerOptions } from './notification-options.js';
import { parseNotification } from './parse-notification.js';

type Json = Readonly<Record<string, unknown>>;

/** Decodes an accepted notification, counts it once, traces it, and calls the user; never throws. */
export function deliverNotification(
  envelope: Json,
  duplicate: boolean,
  settings: NormalizedHandlerOptions,
): void {
  let event: VppNotificationEvent;
  try {
    event = parseNotification(envelope, duplicate);
    record(event, settings);
  } catch (error) {
    report(settings, error);
    return;
  }
  const onEvent = settings.onEvent;
  if (onEvent === undefined) return;
  try {
    const pending = onEvent(event);
    if (pending && typeof pending.then === 'function') pending.then(undefined, (e) => report(settings, e));
  } catch (error) {
    report(settings, error);
  }
}

function record(event: VppNotificationEvent, settings: NormalizedHandlerOptions): void {
  const eventId = 'eventId' in event ? event.eventId : null;
  if (!event.duplicate && event.failures.length > 0) {
    settings.engine?.recordFailures(event.decoded, { operation: event.operation, eventId });
  }
  const span = startEventSpan(
    settings.tracing,
    'apple_vpp notification',
    {
      'apple_vpp.notification.type': event.type,
      'apple_vpp.notification.duplicate': event.duplicate,
      'apple_vpp.operation': event.operation,
      'apple_vpp.event.id': eventId ?? undefined,
      'apple_vpp.event.result': 'result' in event ? (event.result ?? undefined) : undefined,
    },
    eventId === null ? undefined : settings.origins?.get(eventId),
  );
  const first = event.failures[0];
  span.end({}, first === undefined ? null : { errorNumber: first.code });
}

function report(settings: NormalizedHandlerOptions, error: unknown): void {
  try {
    settings.onError?.(error);
  } catch {
    // The user's error callback throwing must not reach the process either.
  }
}

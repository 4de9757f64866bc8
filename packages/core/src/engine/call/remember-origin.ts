import type { EventOrigins } from '../../async/event-origins.js';
import type { SpanLinkTarget } from '../../async/span-link.js';
import { readBody } from '../../decode/body.js';
import { prop } from '../../decode/fields.js';
import { EVENT_OPERATIONS } from '../../telemetry/event-operation.js';
import { usableEventId } from './event-id.js';

/** An event-starting answer is a few fields; a bigger body is not one. */
const MAX_BODY_BYTES = 4096;

/** The `eventId` of an event-starting answer (`{"eventId": "…", "uId": "…", …}`), as a string, object or bytes. */
export function eventIdInBody(body: unknown): string | null {
  const content = readBody(body, MAX_BODY_BYTES);
  return content.kind === 'json' ? usableEventId(prop(content.value, 'eventId')) : null;
}

/**
 * After a successful call that started an async event, records its span as the event's origin, so the spans
 * of the outcome (`waitForEvent`, notifications) link back to it. A user's `origins` that throws is ignored.
 */
export function rememberOrigin(
  origins: EventOrigins,
  operation: string,
  body: unknown,
  span: SpanLinkTarget | null,
): void {
  if (span === null || !EVENT_OPERATIONS.has(operation)) return;
  const eventId = eventIdInBody(body);
  if (eventId === null) return;
  try {
    origins.remember(eventId, span);
  } catch {
    // The link is a convenience; the call's own outcome must not depend on it.
  }
}

import { EVENT_OPERATIONS } from '../async/event-operation.js';
import type { EventOrigins } from '../async/event-origins.js';
import type { SpanLinkTarget } from '../async/span-link.js';

const EVENT_ID = /"eventId"\s*:\s*"([^"\\]{1,128})"/;
/** An event-starting answer is a few fields; a bigger body is not one worth scanning. */
const MAX_SCANNED = 4096;

/** The `eventId` of an event-starting answer (`{"eventId": "…", "uId": "…", …}`), as a string, object or bytes. */
export function eventIdInBody(body: unknown): string | null {
  if (typeof body === 'string') return body.length <= MAX_SCANNED ? (EVENT_ID.exec(body)?.[1] ?? null) : null;
  if (body instanceof Uint8Array) {
    return body.byteLength <= MAX_SCANNED ? eventIdInBody(Buffer.from(body).toString('utf8')) : null;
  }
  if (typeof body === 'object' && body !== null) {
    const id = (body as { eventId?: unknown }).eventId;
    return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : null;
  }
  return null;
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

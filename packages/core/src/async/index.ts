export type { EventOrigins } from './event-origins.js';
export { createEventOrigins } from './event-origins.js';
export type { EventOutcome } from './event-outcome.js';
export type { EventTracingOption } from './event-span.js';
export type {
  EventNotificationFields,
  NotificationAssignment,
  NotificationBase,
  VppNotificationEvent,
  VppNotificationType,
} from './notification-event.js';
export type { NotificationRequestHandler } from './notification-handler.js';
export { createNotificationHandler } from './notification-handler.js';
export type { FailureRecorder, NotificationHandlerOptions } from './notification-options.js';
export type { ResubmitEntities } from './resubmit.js';
export { resubmitEntities } from './resubmit.js';
export type { SpanLinkTarget } from './span-link.js';
export { waitForEvent } from './wait-for-event.js';
export type { EventPoll, WaitForEventOptions } from './wait-options.js';
